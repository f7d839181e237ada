import { describe, expect, it } from 'vitest';
import { CANDLE_FUNCTIONS, CHART_RULES, getPattern, listPatterns, TWEEZERS } from '../../src';
import { loadReference } from '../reference';

const patterns = listPatterns();

describe('pattern registry', () => {
  it('lists the 61 TA-Lib candles, the 2 tweezers and every chart/indicator rule once', () => {
    expect(patterns.filter((p) => p.family === 'candlestick')).toHaveLength(63);
    expect(patterns.filter((p) => p.family !== 'candlestick').map((p) => p.id)).toEqual(CHART_RULES.map((r) => r.id));
    expect(new Set(patterns.map((p) => p.id)).size).toBe(patterns.length);
  });

  it('names candle ids cdl_<function> and has 19 priority patterns', () => {
    const candles = patterns.filter((p) => p.source.startsWith('CDL'));
    for (const p of candles) expect(p.id).toBe(`cdl_${p.source.slice(3).toLowerCase()}`);
    expect(patterns.filter((p) => p.priority)).toHaveLength(19);
    expect(getPattern('cdl_engulfing')).toMatchObject({
      name: 'Engulfing',
      category: 'R',
      priority: true,
      lookback: 2,
    });
    expect(getPattern('cdl_doji')?.directionRule).toBe('context');
    expect(getPattern('triangle_symmetrical')?.directions).toEqual([1, -1]);
    expect(getPattern('nope')).toBeUndefined();
  });

  it('has the lookback of TA-Lib (first non-null reference value) for every candle', () => {
    const ref = loadReference('daily-SPY');
    for (const p of patterns.filter((x) => x.source.startsWith('CDL'))) {
      expect(
        ref.functions[p.source].findIndex((v) => v !== null),
        p.source,
      ).toBe(p.lookback);
    }
  });

  it('agrees with the candle implementations on names and lookbacks', () => {
    for (const fn of [...CANDLE_FUNCTIONS, ...TWEEZERS]) {
      const p = patterns.find((x) => x.source === fn.name);
      expect(p, fn.name).toBeDefined();
      expect(p?.lookback, fn.name).toBe(fn.lookback);
    }
  });

  it('explains every pattern in its own words', () => {
    for (const field of ['what', 'why', 'invalidation'] as const) {
      const texts = patterns.map((p) => p.explanation[field]);
      for (const [i, text] of texts.entries()) expect(text.length, `${patterns[i].id}.${field}`).toBeGreaterThan(15);
      if (field !== 'invalidation') expect(new Set(texts).size, field).toBe(texts.length);
    }
    for (const p of patterns) expect(p.confirmation.length, p.id).toBeGreaterThan(10);
  });
});
