import { describe, expect, it } from 'vitest';
import { CHART_RULES, computeIndicators, countChartPatterns, detectChartPatterns } from '../../src';
import { loadReference, referenceNames } from '../reference';

describe('countChartPatterns', () => {
  it.each(referenceNames())('tallies what detectChartPatterns lists on %s', (name) => {
    const { bars } = loadReference(name);
    const ind = computeIndicators(bars);
    const listed = new Map(CHART_RULES.map((rule) => [rule.id, 0]));
    for (const d of detectChartPatterns(bars, ind)) listed.set(d.patternId, listed.get(d.patternId)! + 1);
    expect([...countChartPatterns(bars, ind)]).toEqual([...listed]);
    expect([...listed.values()].some((n) => n > 0)).toBe(true);
  });
});
