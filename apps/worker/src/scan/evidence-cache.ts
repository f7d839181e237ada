import { labels, type Sql } from '@tx/db';
import { type Evidence, EvidenceIndex, LABEL_VERSION, type OutcomeColumns } from '@tx/domain';

const NONE: OutcomeColumns = { times: new Float64Array(0), wins: new Uint8Array(0) };

interface Pool {
  pooled: OutcomeColumns;
  byKey: Map<string, OutcomeColumns>;
  maxId: number;
  index: EvidenceIndex;
  loadedAt: number;
  loading: Promise<void> | null;
}

/**
 * Point-in-time label evidence per (timeframe, asset class), kept in memory and topped up with labels written since
 * the last refresh (at most every `refreshMs`, below the 60 s minimum scan interval). Priors read only labels
 * available strictly before a detection's confirmation, and labels written in the current cycle become available at
 * that same close, so the refresh delay never changes a confidence: every earlier cycle's labels are loaded.
 * Outcomes are held as typed columns (9 bytes a label, twice: per pattern key and pooled), never as objects.
 */
export class EvidenceCache {
  private readonly pools = new Map<string, Pool>();

  constructor(
    private readonly sql: Sql,
    private readonly refreshMs = 30_000,
  ) {}

  async index(timeframe: string, assetClass: string): Promise<EvidenceIndex> {
    const key = `${timeframe}|${assetClass}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = {
        pooled: NONE,
        byKey: new Map(),
        maxId: 0,
        index: new EvidenceIndex([]),
        loadedAt: 0,
        loading: null,
      };
      this.pools.set(key, pool);
    }
    if (Date.now() - pool.loadedAt >= this.refreshMs) {
      const p = pool;
      p.loading ??= this.refresh(p, timeframe, assetClass).finally(() => {
        p.loading = null;
      });
      await p.loading;
    }
    return pool.index;
  }

  private async refresh(pool: Pool, timeframe: string, assetClass: string) {
    const loaded = await labels.poolOutcomes(this.sql, LABEL_VERSION, timeframe, assetClass, pool.maxId);
    if (loaded.pooled.times.length > 0) {
      pool.pooled = mergeOutcomes(pool.pooled, loaded.pooled);
      for (const [key, c] of loaded.byKey) pool.byKey.set(key, mergeOutcomes(pool.byKey.get(key) ?? NONE, c));
      pool.maxId = loaded.maxId;
      pool.index = new EvidenceIndex(pool);
    }
    pool.loadedAt = Date.now();
  }
}

/** Two outcome columns in availability order merged into one (labels written later may be available earlier). */
function mergeOutcomes(a: OutcomeColumns, b: OutcomeColumns): OutcomeColumns {
  if (a.times.length === 0) return b;
  if (b.times.length === 0) return a;
  const n = a.times.length + b.times.length;
  const times = new Float64Array(n);
  const wins = new Uint8Array(n);
  let i = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    const fromA = j >= b.times.length || (i < a.times.length && a.times[i] <= b.times[j]);
    times[k] = fromA ? a.times[i] : b.times[j];
    wins[k] = fromA ? a.wins[i++] : b.wins[j++];
  }
  return { times, wins };
}

/** Evidence from two disjoint sets of labels (stored, and a series' own labels computed in memory) adds up. */
export function addEvidence(a: Evidence, b: Evidence): Evidence {
  return {
    wins: a.wins + b.wins,
    n: a.n + b.n,
    pooledWins: a.pooledWins + b.pooledWins,
    pooledN: a.pooledN + b.pooledN,
  };
}
