import { describe, expect, it } from 'vitest';
import { computeIndicators } from '../../src';
import { firstMismatch, loadReference, referenceNames } from '../reference';

const columns = {
  SMA20: 'sma20',
  EMA20: 'ema20',
  RSI14: 'rsi14',
  ATR14: 'atr14',
  ADX14: 'adx14',
  MACD: 'macd',
  MACDSIGNAL: 'macdSignal',
  MACDHIST: 'macdHist',
  BBUPPER: 'bbUpper',
  BBMIDDLE: 'bbMiddle',
  BBLOWER: 'bbLower',
  STOCHK: 'stochK',
  STOCHD: 'stochD',
  OBV: 'obv',
} as const;

describe.each(referenceNames())('indicators match TA-Lib on %s', (name) => {
  const ref = loadReference(name);
  const ind = computeIndicators(ref.bars);
  it.each(Object.entries(columns))('%s', (fn, key) => {
    const mismatch = firstMismatch(ind[key], ref.functions[fn]);
    expect(mismatch, `${fn} on ${name}: ${mismatch}`).toBeNull();
  });
});
