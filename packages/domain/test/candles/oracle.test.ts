import { describe, expect, it } from 'vitest';
import { CANDLE_FUNCTIONS, candleContext } from '../../src/candles';
import { loadReference, referenceNames } from '../reference';

// Bar-for-bar agreement with TA-Lib 0.6's own output (../shared/reference/talib); loading throws when it is absent.
const names = referenceNames();

describe('candle function registry', () => {
  it('has all 61 TA-Lib CDL functions of the oracle, in alphabetical order', () => {
    const oracle = Object.keys(loadReference(names[0]).functions)
      .filter((f) => f.startsWith('CDL'))
      .sort();
    expect(oracle).toHaveLength(61);
    expect(CANDLE_FUNCTIONS.map((f) => f.name)).toEqual(oracle);
  });
});

describe.each(names)('TA-Lib oracle %s', (name) => {
  const ref = loadReference(name);
  const ctx = candleContext(ref.bars);

  it.each(CANDLE_FUNCTIONS.map((f) => [f.name, f] as const))('%s matches on every bar', (fnName, fn) => {
    const expected = ref.functions[fnName];
    if (expected === undefined) throw new Error(`${name}: oracle has no ${fnName}`);
    expect(
      expected.findIndex((v) => v !== null),
      `${fnName} lookback`,
    ).toBe(fn.lookback);
    const out = fn.compute(ref.bars, undefined, ctx);
    const mismatches: string[] = [];
    for (let i = 0; i < expected.length; i++) {
      const want = expected[i] ?? 0;
      if (out[i] !== want) mismatches.push(`${fnName} ${name} bar ${i}: got ${out[i]}, TA-Lib ${expected[i]}`);
    }
    expect(mismatches.slice(0, 5), `${mismatches.length} mismatches`).toEqual([]);
  });

  it('computes the same without a shared context', () => {
    for (const fn of CANDLE_FUNCTIONS) {
      const alone = fn.compute(ref.bars);
      const shared = fn.compute(ref.bars, undefined, ctx);
      // toEqual on long typed arrays is slow; find the first difference instead.
      expect(
        alone.findIndex((v, i) => v !== shared[i]),
        fn.name,
      ).toBe(-1);
    }
  });
});
