import { Type as T } from '@sinclair/typebox';
import { alerts, detections, labels, type Sql } from '@tx/db';
import { computeIndicators, getPattern, LABEL_VERSION, type PatternInfo } from '@tx/domain';
import type { MarketData } from '@tx/market-data';
import type { FastifyInstance } from 'fastify';
import { Envelope, ok } from '../../lib/envelope';
import { AppError, notFound } from '../../lib/errors';
import { Nullable, Open } from '../../lib/typebox';
import { r4, regimeOf, volumeRatio } from '../../services/market-context';
import { marketError } from '../../services/scan-detect';
import { patternInfoObject, resolvePattern } from '../../services/scan-patterns';

const M = { auth: 'public', group: 'M' } as const;
const MIN_SAMPLES = 20;

function texts(p: PatternInfo) {
  const dir =
    p.directions.length > 1
      ? 'in the direction of the breakout or reversal it signals'
      : p.directions[0] === 1
        ? 'long'
        : 'short';
  return {
    explanation: `${p.name}: ${p.explanation.what} ${p.explanation.why} It is confirmed on ${p.confirmation}; it is invalidated by ${p.explanation.invalidation.replace(/\.$/, '').toLowerCase()}.`,
    entry_strategy: `Enter ${dir} at the next bar's open after ${p.confirmation}.`,
    exit_strategy:
      'Take profit 2 ATR from entry, stop 1 ATR against it, or exit after the label horizon (10 daily bars).',
    risk_management: 'Risk 1 ATR per trade (the stop distance); size so that 1 ATR is at most your risk per trade.',
    market_conditions: `Invalidated by ${p.explanation.invalidation.replace(/\.$/, '').toLowerCase()}.`,
  };
}

/** Explanations (api.md §3.11): registry texts, statistics from labels, the context stored with detections. */
export async function explainRoutes(app: FastifyInstance, opts: { sql: Sql; marketData: MarketData }) {
  const { sql } = opts;
  const patternSchema = {
    response: {
      200: Envelope(
        Open({
          key: T.String(),
          name: T.String(),
          explanation: T.String(),
          statistics: Open({
            available: T.Boolean(),
            sample_size: T.Integer(),
            hit_rate: Nullable(T.Number()),
            avg_return_pct: Nullable(T.Number()),
            median_hold_bars: Nullable(T.Number()),
            by_timeframe: T.Array(
              Open({ timeframe: T.String(), sample_size: T.Integer(), hit_rate: Nullable(T.Number()) }),
            ),
          }),
          examples: T.Array(Open({ symbol: T.String(), date: T.String(), detection_id: T.Integer() })),
        }),
      ),
    },
  };
  const explainPattern = async (name: string) => {
    const match = resolvePattern(name);
    if (!match) throw new AppError(404, 'PATTERN_NOT_FOUND', 'Pattern not found');
    const info = getPattern(match.ids[0]) as PatternInfo;
    const keys =
      match.direction === null ? undefined : match.ids.map((id) => `${id}:${match.direction === 1 ? 'bull' : 'bear'}`);
    const [byTf, examples] = await Promise.all([
      labels.patternOutcomes(sql, LABEL_VERSION, match.ids, keys),
      labels.recentLabelled(sql, LABEL_VERSION, match.ids, 5),
    ]);
    const n = byTf.reduce((s, r) => s + r.n, 0);
    const wins = byTf.reduce((s, r) => s + r.wins, 0);
    const available = n >= MIN_SAMPLES;
    const avgReturn = n > 0 ? byTf.reduce((s, r) => s + (r.avg_return ?? 0) * r.n, 0) / n : null;
    const pct = (x: number) => Math.round(x * 10_000) / 100;
    return {
      ...patternInfoObject(info),
      ...texts(info),
      statistics: {
        available,
        sample_size: n,
        hit_rate: available ? pct(wins / n) : null,
        avg_return_pct: available && avgReturn !== null ? pct(avgReturn) : null,
        median_hold_bars: available && byTf.length === 1 ? byTf[0].median_bars : null,
        by_timeframe: byTf.map((r) => ({
          timeframe: r.timeframe,
          sample_size: r.n,
          hit_rate: r.n > 0 ? pct(r.wins / r.n) : null,
        })),
      },
      examples: examples.map((e) => ({
        symbol: e.symbol,
        date: e.bar_time.toISOString().slice(0, 10),
        timeframe: e.timeframe,
        outcome: e.outcome,
        return_pct: e.return === null ? null : pct(e.return),
        detection_id: e.detection_id,
      })),
    };
  };
  app.get(
    '/api/explain/pattern/:name',
    { config: M, schema: { params: T.Object({ name: T.String({ minLength: 1, maxLength: 100 }) }), ...patternSchema } },
    async (req) => ok(await explainPattern((req.params as { name: string }).name)),
  );
  app.get(
    '/api/signals/pattern-analysis/:pattern',
    {
      config: { ...M, canonical: '/api/explain/pattern/:name' },
      schema: {
        params: T.Object({ pattern: T.String({ minLength: 1, maxLength: 100 }) }),
        deprecated: true,
        ...patternSchema,
      },
    },
    async (req) => ok(await explainPattern((req.params as { pattern: string }).pattern)),
  );

  app.post(
    '/api/explain/alert',
    {
      config: M,
      schema: {
        body: T.Object(
          {
            alert_id: T.Optional(T.Integer({ minimum: 1 })),
            alertId: T.Optional(T.Integer({ minimum: 1 })),
            alert_type: T.Optional(T.String({ maxLength: 100 })),
            symbol: T.Optional(T.String({ maxLength: 32 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Envelope(Open({ explanation: T.String(), risk_factors: T.Array(T.String()) })) },
      },
    },
    async (req) => {
      const b = req.body as { alert_id?: number; alertId?: number; alert_type?: string; symbol?: string };
      if (b.alert_id !== undefined && b.alertId !== undefined && b.alert_id !== b.alertId) {
        throw new AppError(400, 'VALIDATION_ERROR', 'Request is invalid', [
          { field: 'alert_id', issue: 'differs from alertId' },
        ]);
      }
      const id = b.alert_id ?? b.alertId;
      if (id !== undefined) {
        const a = await alerts.getAlert(sql, id, null);
        if (!a) throw notFound('Alert');
        const d = await detections.getDetection(sql, a.detection_id, LABEL_VERSION);
        const ctx = (d?.context ?? {}) as Record<string, number | string | null>;
        return ok({
          alert_id: a.id,
          symbol: a.symbol,
          pattern_type: a.pattern_name,
          explanation: a.explanation,
          market_context: {
            price: a.price,
            trend: ctx.trend ?? null,
            rsi14: null,
            atr14: d?.atr ?? null,
            volume_ratio: null,
            regime: regimeOf(
              ctx.volatility_pct === null || ctx.volatility_pct === undefined ? null : Number(ctx.volatility_pct),
            ),
          },
          recommended_action: a.suggested_action,
          risk_factors: riskFactors(ctx),
          confidence_factors: a.confidence_factors,
          confidence: a.confidence,
          detected_at: d?.created_at.toISOString() ?? null,
          timestamp: new Date().toISOString(),
        });
      }
      if (!b.alert_type) {
        throw new AppError(400, 'VALIDATION_ERROR', 'Request is invalid', [
          { field: 'alert_id', issue: 'alert_id or alert_type is required' },
        ]);
      }
      const match = resolvePattern(b.alert_type);
      if (!match) throw new AppError(404, 'PATTERN_NOT_FOUND', 'Pattern not found');
      const info = getPattern(match.ids[0]) as PatternInfo;
      let market: Record<string, unknown> = {
        price: null,
        trend: null,
        rsi14: null,
        atr14: null,
        volume_ratio: null,
        regime: null,
      };
      if (b.symbol) {
        const res = await opts.marketData.getBars(b.symbol, '1d', { limit: 300 }).catch(marketError);
        const n = res.bars.length;
        if (n > 0) {
          const ind = computeIndicators(res.bars);
          market = {
            price: res.bars.close[n - 1],
            trend: null,
            rsi14: r4(ind.rsi14[n - 1]),
            atr14: r4(ind.atr14[n - 1]),
            volume_ratio: volumeRatio(res.bars, n - 1),
            regime: null,
          };
        }
      }
      return ok({
        alert_id: null,
        symbol: b.symbol ?? null,
        pattern_type: info.name,
        explanation: texts(info).explanation,
        market_context: market,
        recommended_action: 'WATCH',
        risk_factors: [`Invalidation: ${info.explanation.invalidation}`],
        confidence_factors: {},
        confidence: null,
        detected_at: null,
        timestamp: new Date().toISOString(),
      });
    },
  );
}

function riskFactors(ctx: Record<string, number | string | null>): string[] {
  const out: string[] = [];
  if (ctx.trend === 'flat') out.push('No prevailing trend (ADX below 20 or a flat EMA20).');
  if (typeof ctx.volatility_pct === 'number' && ctx.volatility_pct >= 0.8)
    out.push('Volatility in the top 20% of the last 100 bars.');
  if (typeof ctx.volume_z === 'number' && ctx.volume_z < 0) out.push('Volume below its 20-bar average.');
  return out;
}
