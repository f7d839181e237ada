import { describe, expect, it } from 'vitest';
import { allocateBars, type BarSeries } from '../../src/bars';
import { TWEEZERS } from '../../src/candles';

const [BOTTOM, TOP] = TWEEZERS;

type Bar = { o: number; h: number; l: number; c: number };

function series(rows: readonly Bar[]): BarSeries {
  const bars = allocateBars(rows.length);
  rows.forEach((r, i) => {
    bars.time[i] = i;
    bars.open[i] = r.o;
    bars.high[i] = r.h;
    bars.low[i] = r.l;
    bars.close[i] = r.c;
  });
  return bars;
}

/**
 * Nine falling black bars of range 2 (lows 110.5 down to 106.5), then a black bar low 100 and a white bar low
 * 100.05. Equal at the black bar = 5% of the 5-bar average range = 0.1, so the lows match.
 */
function bottomRows(): Bar[] {
  const rows: Bar[] = [];
  for (let k = 0; k < 9; k++) {
    const o = 112 - k * 0.5;
    rows.push({ o, h: o + 0.5, l: o - 1.5, c: o - 1 });
  }
  rows.push({ o: 102, h: 102.2, l: 100, c: 100.5 });
  rows.push({ o: 100.6, h: 102.3, l: 100.05, c: 102 });
  return rows;
}

/** Price reflection: swaps highs with lows and white with black, turning a bottom fixture into a top one. */
function mirrored(rows: readonly Bar[]): Bar[] {
  return rows.map((r) => ({ o: 300 - r.o, h: 300 - r.l, l: 300 - r.h, c: 300 - r.c }));
}

function lastOutput(fn: (typeof TWEEZERS)[number], rows: readonly Bar[]): number {
  const out = fn.compute(series(rows));
  expect(out.slice(0, -1).every((v) => v === 0)).toBe(true);
  return out[out.length - 1];
}

const nearMisses: [string, (rows: Bar[]) => void][] = [
  ['lows differ by more than Equal (0.15 > 0.1)', (rows) => (rows[10].l = 100.15)],
  ['an older bar in the 10-bar window (i-10) has a lower low', (rows) => (rows[0].l = 99.9)],
  ['a bar just before the pair (i-2) has a lower low', (rows) => (rows[8].l = 99.99)],
  ['the second candle is black', (rows) => (rows[10] = { o: 102, h: 102.3, l: 100.05, c: 100.6 })],
  ['the first candle is white', (rows) => (rows[9] = { o: 100.5, h: 102.2, l: 100, c: 102 })],
];

describe('TX_TWEEZER_BOTTOM', () => {
  it('has lookback 10', () => expect(BOTTOM.lookback).toBe(10));

  it('fires +100 on black-then-white matching lows at a 10-bar low', () => {
    expect(lastOutput(BOTTOM, bottomRows())).toBe(100);
  });

  it('ignores bars older than the 10-bar window', () => {
    const rows = [{ o: 95, h: 96, l: 90, c: 95.5 }, ...bottomRows()];
    expect(BOTTOM.compute(series(rows))[11]).toBe(100);
  });

  it.each(nearMisses)('does not fire when %s', (_, spoil) => {
    const rows = bottomRows();
    spoil(rows);
    expect(lastOutput(BOTTOM, rows)).toBe(0);
  });

  it('is not a tweezer top', () => expect(lastOutput(TOP, bottomRows())).toBe(0));
});

describe('TX_TWEEZER_TOP', () => {
  it('has lookback 10', () => expect(TOP.lookback).toBe(10));

  it('fires -100 on white-then-black matching highs at a 10-bar high', () => {
    expect(lastOutput(TOP, mirrored(bottomRows()))).toBe(-100);
  });

  it.each(nearMisses)('does not fire when %s (mirrored)', (_, spoil) => {
    const rows = bottomRows();
    spoil(rows);
    expect(lastOutput(TOP, mirrored(rows))).toBe(0);
  });

  it('is not a tweezer bottom', () => expect(lastOutput(BOTTOM, mirrored(bottomRows()))).toBe(0));
});
