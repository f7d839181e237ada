import { labels, type Sql } from '@tx/db';
import { type Evidence, EvidenceIndex, LABEL_VERSION, type LabelledOutcome } from '@tx/domain';

interface Pool {
  outcomes: LabelledOutcome[];
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
      pool = { outcomes: [], maxId: 0, index: new EvidenceIndex([]), loadedAt: 0, loading: null };
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
    const rows = await labels.poolOutcomes(this.sql, LABEL_VERSION, timeframe, assetClass, pool.maxId);
    if (rows.length > 0) {
      for (const r of rows) pool.outcomes.push({ patternKey: r.pattern_key, availableAt: r.available_ms, win: r.win });
      pool.maxId = rows[rows.length - 1].id;
      pool.index = new EvidenceIndex(pool.outcomes);
    }
    pool.loadedAt = Date.now();
  }
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
