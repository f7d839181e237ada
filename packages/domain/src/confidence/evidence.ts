import type { Evidence } from './prior';

/** One labelled outcome as priors read it: invalid labels are never added. */
export interface LabelledOutcome {
  readonly patternKey: string;
  /** Epoch ms at which the label became available (close of bar t_c+N). */
  readonly availableAt: number;
  readonly win: boolean;
}

interface Counts {
  times: Float64Array;
  /** wins[i] = wins among the first i outcomes in availability order. */
  wins: Int32Array;
}

function index(outcomes: LabelledOutcome[]): Counts {
  const sorted = [...outcomes].sort((x, y) => x.availableAt - y.availableAt);
  const times = new Float64Array(sorted.length);
  const wins = new Int32Array(sorted.length + 1);
  for (let i = 0; i < sorted.length; i++) {
    times[i] = sorted[i].availableAt;
    wins[i + 1] = wins[i] + (sorted[i].win ? 1 : 0);
  }
  return { times, wins };
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

  constructor(outcomes: LabelledOutcome[]) {
    this.pooled = index(outcomes);
    const groups = new Map<string, LabelledOutcome[]>();
    for (const o of outcomes) {
      const g = groups.get(o.patternKey);
      if (g) g.push(o);
      else groups.set(o.patternKey, [o]);
    }
    for (const [key, g] of groups) this.byKey.set(key, index(g));
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
