import type { Evidence } from './prior';

/** One labelled outcome as priors read it: invalid labels are never added. */
export interface LabelledOutcome {
  readonly patternKey: string;
  /** Epoch ms at which the label became available (close of bar t_c+N). */
  readonly availableAt: number;
  readonly win: boolean;
}

/** Outcomes in availability order as columns: times[i] (epoch ms) and wins[i] (1 = win, 0 = loss or timeout). */
export interface OutcomeColumns {
  readonly times: Float64Array;
  readonly wins: Uint8Array;
}

/** One pool's outcomes as columns: all of them, and per pattern key. */
export interface OutcomePools {
  readonly pooled: OutcomeColumns;
  readonly byKey: ReadonlyMap<string, OutcomeColumns>;
}

interface Counts {
  times: Float64Array;
  /** wins[i] = wins among the first i outcomes in availability order. */
  wins: Int32Array;
}

function counts(c: OutcomeColumns): Counts {
  const wins = new Int32Array(c.times.length + 1);
  for (let i = 0; i < c.times.length; i++) wins[i + 1] = wins[i] + c.wins[i];
  return { times: c.times, wins };
}

function columns(outcomes: readonly LabelledOutcome[]): OutcomeColumns {
  const sorted = [...outcomes].sort((x, y) => x.availableAt - y.availableAt);
  return {
    times: Float64Array.from(sorted, (o) => o.availableAt),
    wins: Uint8Array.from(sorted, (o) => (o.win ? 1 : 0)),
  };
}

function pools(outcomes: readonly LabelledOutcome[]): OutcomePools {
  const groups = new Map<string, LabelledOutcome[]>();
  for (const o of outcomes) {
    const g = groups.get(o.patternKey);
    if (g) g.push(o);
    else groups.set(o.patternKey, [o]);
  }
  return { pooled: columns(outcomes), byKey: new Map([...groups].map(([k, g]) => [k, columns(g)])) };
}

/** Number of outcomes available strictly before `at` (spec §5.3: "available before confirmed_at"). */
function upTo(c: Counts, at: number): number {
  let lo = 0;
  let hi = c.times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c.times[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Point-in-time evidence of one (timeframe, asset_class) pool: what was labelled and available at a given instant,
 * per pattern key and pooled. A consumer at instant T sees only labels with available_at < T.
 */
export class EvidenceIndex {
  private readonly pooled: Counts;
  private readonly byKey = new Map<string, Counts>();

  /** From outcome objects, or from columns already in availability order (no copy of their times). */
  constructor(outcomes: readonly LabelledOutcome[] | OutcomePools) {
    const p = Array.isArray(outcomes) ? pools(outcomes) : (outcomes as OutcomePools);
    this.pooled = counts(p.pooled);
    for (const [key, c] of p.byKey) this.byKey.set(key, counts(c));
  }

  at(patternKey: string, at: number): Evidence {
    const pooledN = upTo(this.pooled, at);
    const own = this.byKey.get(patternKey);
    const n = own ? upTo(own, at) : 0;
    return {
      wins: own ? own.wins[n] : 0,
      n,
      pooledWins: this.pooled.wins[pooledN],
      pooledN,
    };
  }
}
