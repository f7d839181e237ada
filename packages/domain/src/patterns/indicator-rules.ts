import { type ChartRule, capStrength, type Direction, type PatternInput } from './types';

type Column = (input: PatternInput) => Float64Array;

/** Line `a` crosses line `b` at t: strictly beyond at t, at or behind it at t-1. */
function crossRule(
  id: string,
  direction: Direction,
  lookback: number,
  a: Column,
  b: Column,
  strength: (input: PatternInput, t: number) => number,
): ChartRule {
  return {
    id,
    family: 'indicator',
    lookback,
    evaluate(input, t) {
      const x = a(input);
      const y = b(input);
      const crossed = direction === 1 ? x[t] > y[t] && x[t - 1] <= y[t - 1] : x[t] < y[t] && x[t - 1] >= y[t - 1];
      return crossed ? { direction, strength: capStrength(strength(input, t)) } : null;
    },
  };
}

/** How fast SMA50 moved against SMA200 over the last 10 bars, in ATRs. */
function maCrossStrength({ ind }: PatternInput, t: number): number {
  const fast = ind.sma50[t] - ind.sma50[t - 10];
  const slow = ind.sma200[t] - ind.sma200[t - 10];
  return Math.abs(fast - slow) / ind.atr14[t];
}

/** How sharply the histogram turned, in tenths of an ATR. */
function macdStrength({ ind }: PatternInput, t: number): number {
  return Math.abs(ind.macdHist[t] - ind.macdHist[t - 1]) / (0.1 * ind.atr14[t]);
}

const sma50: Column = ({ ind }) => ind.sma50;
const sma200: Column = ({ ind }) => ind.sma200;
const macdLine: Column = ({ ind }) => ind.macd;
const macdSignal: Column = ({ ind }) => ind.macdSignal;
const close: Column = ({ bars }) => bars.close;
const bbUpper: Column = ({ ind }) => ind.bbUpper;
const bbLower: Column = ({ ind }) => ind.bbLower;

// Lookbacks: SMA200 at t-10 (199+10); MACD hist at t-1 (33+1); Bollinger at t-1 (19+1); RSI at t-10 (14+10).
export const goldenCross = crossRule('golden_cross', 1, 209, sma50, sma200, maCrossStrength);
export const deathCross = crossRule('death_cross', -1, 209, sma50, sma200, maCrossStrength);
export const macdBullCross = crossRule('macd_bull_cross', 1, 34, macdLine, macdSignal, macdStrength);
export const macdBearCross = crossRule('macd_bear_cross', -1, 34, macdLine, macdSignal, macdStrength);
export const bbBreakoutUp = crossRule(
  'bb_breakout_up',
  1,
  20,
  close,
  bbUpper,
  ({ bars, ind }, t) => (bars.close[t] - ind.bbUpper[t]) / ind.atr14[t],
);
export const bbBreakoutDown = crossRule(
  'bb_breakout_down',
  -1,
  20,
  close,
  bbLower,
  ({ bars, ind }, t) => (ind.bbLower[t] - bars.close[t]) / ind.atr14[t],
);

/** RSI leaves the oversold zone (below 30 → at or above 30); strength = how deep it went in the last 10 bars. */
export const rsiOversold: ChartRule = {
  id: 'rsi_oversold',
  family: 'indicator',
  lookback: 24,
  evaluate({ ind }, t) {
    const r = ind.rsi14;
    if (!(r[t - 1] < 30 && r[t] >= 30)) return null;
    let low = r[t - 1];
    for (let i = t - 10; i < t; i++) low = Math.min(low, r[i]);
    return { direction: 1, strength: capStrength((30 - low) / 10) };
  },
};

/** RSI leaves the overbought zone (above 70 → at or below 70). */
export const rsiOverbought: ChartRule = {
  id: 'rsi_overbought',
  family: 'indicator',
  lookback: 24,
  evaluate({ ind }, t) {
    const r = ind.rsi14;
    if (!(r[t - 1] > 70 && r[t] <= 70)) return null;
    let high = r[t - 1];
    for (let i = t - 10; i < t; i++) high = Math.max(high, r[i]);
    return { direction: -1, strength: capStrength((high - 70) / 10) };
  },
};
