import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sliceBars } from '../../src/bars';
import { parseBarsCsv } from '../../src/csv';
import { detectWindow } from '../../src/scan';

const bars = parseBarsCsv(readFileSync('/work/shared/data/daily/AAPL.csv', 'utf8'));

describe('detectWindow', () => {
  it('emits nothing before 250 bars of history', () => {
    const all = detectWindow(sliceBars(bars, 0, 600));
    expect(all.length).toBeGreaterThan(0);
    expect(Math.min(...all.map((d) => d.barIndex))).toBeGreaterThanOrEqual(250);
  });

  it('is prefix invariant: truncating at k leaves detections and context up to k unchanged', () => {
    const full = detectWindow(sliceBars(bars, 0, 700));
    for (const k of [300, 451, 623]) {
      const cut = detectWindow(sliceBars(bars, 0, k + 1));
      expect(cut).toEqual(full.filter((d) => d.barIndex <= k));
    }
  });
});

describe('detectWindow on a live tail', () => {
  it('reports the same detections on the newest bars as a computation over the whole series', () => {
    const series = sliceBars(bars, 0, 1400);
    const full = detectWindow(series).filter((d) => d.barIndex >= 1300);
    const live = detectWindow(series, { from: 1300 });
    expect(live.map((d) => [d.patternKey, d.barIndex])).toEqual(full.map((d) => [d.patternKey, d.barIndex]));
  });
});
