export { type AdxResult, adx } from './adx';
export { atr, trange, trueRange } from './atr';
export { type BbandsResult, bbands } from './bbands';
export {
  type ChartIndicators,
  computeIndicators,
  countReferenceIndicators,
  type Indicators,
  type ReferenceIndicator,
} from './compute';
export { ema } from './ema';
export { type MacdResult, macd } from './macd';
export { obv } from './obv';
export { rsi } from './rsi';
export { EPSILON, emptySeries, isZero } from './series';
export { sma } from './sma';
export { type StochResult, stoch } from './stoch';
export { volz } from './volz';
