import type { BarSeries } from '../bars';

export const LABEL_VERSION = 'tb-1';
/** Barriers in ATR (spec §6, decision). */
export const TP_ATR = 2;
export const SL_ATR = 1;

export type Outcome = 'win' | 'loss' | 'timeout' | 'invalid';

/** A tb-1 label (spec §6). Bar positions are indices into the series the label was computed on. */
export interface TripleBarrierLabel {
  readonly outcome: Outcome;
  readonly reason: 'zero_atr' | 'insufficient_data' | null;
  readonly entryPrice: number | null;
  readonly exitPrice: number | null;
  readonly exitIndex: number | null;
  readonly barsToOutcome: number | null;
  readonly return: number | null;
  readonly rMultiple: number | null;
  readonly mfeAtr: number | null;
  readonly maeAtr: number | null;
  readonly fwdReturn1: number | null;
  readonly fwdReturn5: number | null;
  readonly fwdReturnN: number | null;
  /** Index of bar t_c+N: the label is available at its close time. */
  readonly availableIndex: number;
}

export function invalidLabel(reason: 'zero_atr' | 'insufficient_data', availableIndex: number): TripleBarrierLabel {
  return {
    outcome: 'invalid',
    reason,
    entryPrice: null,
    exitPrice: null,
    exitIndex: null,
    barsToOutcome: null,
    return: null,
    rMultiple: null,
    mfeAtr: null,
    maeAtr: null,
    fwdReturn1: null,
    fwdReturn5: null,
    fwdReturnN: null,
    availableIndex,
  };
}

/**
 * Triple-barrier label of a detection confirmed at bar `tc` with direction `d` and ATR `atr`, over a horizon of
 * `n` bars. Returns null while bar tc+n is not in the series (labels are written only once the horizon is final,
 * even when a barrier was hit earlier). Reads bars tc+1..tc+n only.
 */
export function tripleBarrierLabel(
  bars: BarSeries,
  tc: number,
  d: 1 | -1,
  atr: number,
  n: number,
): TripleBarrierLabel | null {
  const last = tc + n;
  if (last >= bars.length) return null;
  if (!(atr > 0) || !Number.isFinite(atr)) return invalidLabel('zero_atr', last);
  const { open, high, low, close } = bars;
  const entry = open[tc + 1];
  const tp = entry + d * TP_ATR * atr;
  const sl = entry - d * SL_ATR * atr;
  let outcome: Outcome = 'timeout';
  let exitIndex = last;
  let exit = close[last];
  for (let b = tc + 1; b <= last; b++) {
    const slHit = d === 1 ? low[b] <= sl : high[b] >= sl;
    if (slHit) {
      outcome = 'loss';
      exitIndex = b;
      exit = d === 1 ? Math.min(open[b], sl) : Math.max(open[b], sl);
      break;
    }
    const tpHit = d === 1 ? high[b] >= tp : low[b] <= tp;
    if (tpHit) {
      outcome = 'win';
      exitIndex = b;
      exit = d === 1 ? Math.max(open[b], tp) : Math.min(open[b], tp);
      break;
    }
  }
  let mfe = 0;
  let mae = 0;
  for (let b = tc + 1; b <= exitIndex; b++) {
    const up = high[b] - entry;
    const down = entry - low[b];
    mfe = Math.max(mfe, d === 1 ? up : down);
    mae = Math.max(mae, d === 1 ? down : up);
  }
  const fwd = (k: number) => (d * (close[tc + k] - entry)) / entry;
  return {
    outcome,
    reason: null,
    entryPrice: entry,
    exitPrice: exit,
    exitIndex,
    barsToOutcome: exitIndex - tc,
    return: (d * (exit - entry)) / entry,
    rMultiple: (d * (exit - entry)) / atr,
    mfeAtr: mfe / atr,
    maeAtr: mae / atr,
    fwdReturn1: fwd(1),
    fwdReturn5: n >= 5 ? fwd(5) : null,
    fwdReturnN: fwd(n),
    availableIndex: last,
  };
}
