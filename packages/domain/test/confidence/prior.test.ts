import { describe, expect, it } from 'vitest';
import {
  alertRule,
  costR,
  EvidenceIndex,
  expectedR,
  NO_LABEL_BASE_RATE,
  priorConfidence,
  wilsonInterval,
} from '../../src/confidence';

describe('empirical-Bayes prior', () => {
  it('is the base rate 1/3 with no labels at all', () => {
    const p = priorConfidence({ wins: 0, n: 0, pooledWins: 0, pooledN: 0 });
    expect(p.confidence).toBeCloseTo(NO_LABEL_BASE_RATE);
    expect(p.a + p.b).toBeCloseTo(10);
  });

  it('shrinks the pattern hit rate toward the pooled rate with weight 10', () => {
    const p = priorConfidence({ wins: 12, n: 20, pooledWins: 40, pooledN: 100 });
    expect(p.a).toBeCloseTo(4);
    expect(p.b).toBeCloseTo(6);
    expect(p.confidence).toBeCloseTo(16 / 30);
  });

  it('uses only labels available strictly before the point in time', () => {
    const idx = new EvidenceIndex([
      { patternKey: 'x:bull', availableAt: 10, win: true },
      { patternKey: 'x:bull', availableAt: 20, win: false },
      { patternKey: 'y:bear', availableAt: 15, win: true },
    ]);
    expect(idx.at('x:bull', 10)).toEqual({ wins: 0, n: 0, pooledWins: 0, pooledN: 0 });
    expect(idx.at('x:bull', 15)).toEqual({ wins: 1, n: 1, pooledWins: 1, pooledN: 1 });
    expect(idx.at('x:bull', 21)).toEqual({ wins: 1, n: 2, pooledWins: 2, pooledN: 3 });
    expect(idx.at('z:bull', 21)).toEqual({ wins: 0, n: 0, pooledWins: 2, pooledN: 3 });
  });
});

describe('alert edge', () => {
  it('expected R counts losses and timeouts as -1R and subtracts costs', () => {
    expect(expectedR(0.4, 0)).toBeCloseTo(0.2);
    expect(costR(100, 2)).toBeCloseTo(0.15);
    expect(expectedR(0.4, costR(100, 2))).toBeCloseTo(0.05);
  });

  it('applies the rule in order: backfill, stale, confidence, sample size, edge', () => {
    const base = {
      confidence: 0.45,
      confidenceSource: 'prior' as const,
      priorN: 30,
      expectedR: 0.3,
      backfill: false,
      confirmedAt: 1_000,
      durationMs: 100,
    };
    expect(alertRule(base, 0.4, 1_100)).toBeNull();
    expect(alertRule({ ...base, backfill: true }, 0.4, 1_100)).toBe('backfill');
    expect(alertRule(base, 0.4, 1_201)).toBe('stale_bar');
    expect(alertRule(base, 0.5, 1_100)).toBe('below_min_confidence');
    expect(alertRule({ ...base, priorN: 19 }, 0.4, 1_100)).toBe('prior_n_small');
    expect(alertRule({ ...base, expectedR: 0.1 }, 0.4, 1_100)).toBe('below_edge');
  });
});

describe('Wilson interval', () => {
  it('matches the closed form for 8 of 20', () => {
    const ci = wilsonInterval(8, 20);
    expect(ci?.low).toBeCloseTo(0.2188, 3);
    expect(ci?.high).toBeCloseTo(0.6134, 3);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
