import { labels, type Sql } from '@tx/db';
import { LABEL_VERSION, wilsonInterval } from '@tx/domain';
import { displayName } from '../../services/scan-patterns';

const r = (x: number | null, dp = 4) => (x === null ? null : Math.round(x * 10 ** dp) / 10 ** dp);

/** One performance cell (domain §11.5): rates and the Wilson interval in percent, MFE/MAE in ATR. */
export function cell(row: labels.PerformanceRow) {
  const ci = wilsonInterval(row.wins, row.n);
  return {
    detections: row.detections,
    labeled: row.labeled,
    n: row.n,
    wins: row.wins,
    hit_rate: row.n > 0 ? r((100 * row.wins) / row.n) : null,
    hit_rate_ci: ci ? { low: r(100 * ci.low) as number, high: r(100 * ci.high) as number } : null,
    avg_return_pct: row.avg_return === null ? null : r(100 * row.avg_return),
    avg_mfe_atr: r(row.avg_mfe_atr),
    avg_mae_atr: r(row.avg_mae_atr),
    avg_bars_to_outcome: r(row.avg_bars_to_outcome),
    avg_confidence: row.avg_confidence === null ? null : r(100 * row.avg_confidence, 2),
    low_sample: row.n < 10,
  };
}

const EMPTY: labels.PerformanceRow = {
  group_key: null,
  pattern_id: null,
  detections: 0,
  labeled: 0,
  n: 0,
  wins: 0,
  avg_return: null,
  avg_mfe_atr: null,
  avg_mae_atr: null,
  avg_bars_to_outcome: null,
  avg_confidence: null,
};

export async function patternPerformance(
  sql: Sql,
  f: { windowDays: number | null; patternIds?: string[]; symbol?: string; timeframe?: string },
) {
  const filter: labels.PerformanceFilter = {
    version: LABEL_VERSION,
    since: f.windowDays === null ? null : new Date(Date.now() - f.windowDays * 86_400_000),
    patternIds: f.patternIds,
    symbol: f.symbol,
    timeframe: f.timeframe,
  };
  const [overall, byPattern, bySymbol] = await Promise.all([
    labels.performance(sql, filter, 'all'),
    labels.performance(sql, filter, 'pattern_key'),
    labels.performance(sql, filter, 'symbol'),
  ]);
  return {
    overall: cell(overall[0] ?? EMPTY),
    by_pattern: byPattern.map((row) => {
      const key = row.group_key as string;
      const dir = key.endsWith(':bear') ? -1 : 1;
      return { ...cell(row), pattern: displayName(row.pattern_id as string, dir), pattern_key: key };
    }),
    by_symbol: bySymbol.map((row) => ({ ...cell(row), symbol: row.group_key as string })),
  };
}
