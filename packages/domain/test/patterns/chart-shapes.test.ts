import { describe, expect, it } from 'vitest';
import { type BarSeries, computeIndicators, detectChartPatterns } from '../../src';
import { mirror, pathBars } from '../fixtures';

type Anchors = [number, number][];

function detected(bars: BarSeries, id: string): { barIndex: number; direction: number; strength: number }[] {
  return detectChartPatterns(bars, computeIndicators(bars)).filter((d) => d.patternId === id);
}

/** Each shape: the top form confirmed at `bar`, its mirror confirmed at the same bar, and a near miss. */
const shapes: {
  id: string;
  mirrorId: string;
  direction: 1 | -1;
  bar: number;
  shape: Anchors;
  nearMiss: Anchors;
  why: string;
}[] = [
  {
    id: 'double_top',
    mirrorId: 'double_bottom',
    direction: -1,
    bar: 90, // first close under the 99.5 neckline: 110 - 0.75·15
    shape: [
      [0, 100],
      [30, 100],
      [45, 110],
      [60, 100],
      [75, 110],
      [95, 95],
    ],
    nearMiss: [
      [0, 100],
      [30, 100],
      [45, 110],
      [60, 100],
      [75, 107.5],
      [95, 95],
    ],
    why: 'peaks 2.5 apart, more than 0.5 ATR',
  },
  {
    id: 'head_shoulders',
    mirrorId: 'inverse_head_shoulders',
    direction: -1,
    bar: 96,
    shape: [
      [0, 100],
      [29, 100],
      [40, 108],
      [50, 100],
      [62, 114],
      [74, 100],
      [85, 108],
      [105, 92],
    ],
    nearMiss: [
      [0, 100],
      [29, 100],
      [40, 108],
      [50, 100],
      [62, 108.3],
      [74, 100],
      [85, 108],
      [105, 92],
    ],
    why: 'head only 0.3 above the shoulders, less than 0.5 ATR',
  },
  {
    id: 'triangle_ascending',
    mirrorId: 'triangle_descending',
    direction: 1,
    bar: 73,
    shape: [
      [0, 100],
      [20, 100],
      [30, 110],
      [38, 100],
      [46, 110],
      [54, 104],
      [62, 110],
      [68, 107],
      [78, 115],
    ],
    nearMiss: [
      [0, 100],
      [20, 100],
      [30, 110],
      [38, 104],
      [46, 110],
      [54, 104],
      [62, 110],
      [68, 104],
      [78, 115],
    ],
    why: 'flat lows make a rectangle, not a triangle',
  },
  {
    id: 'bull_flag',
    mirrorId: 'bear_flag',
    direction: 1,
    bar: 41,
    shape: [
      [0, 100],
      [20, 100],
      [32, 112],
      [40, 110],
      [41, 114],
      [45, 115],
    ],
    nearMiss: [
      [0, 100],
      [20, 100],
      [32, 112],
      [40, 112.4],
      [41, 114],
      [45, 115],
    ],
    why: 'the flag drifts up with the pole',
  },
  {
    id: 'resistance_breakout',
    mirrorId: 'support_breakdown',
    direction: 1,
    bar: 69, // first close above 110.5 + 0.25 ATR
    shape: [
      [0, 100],
      [20, 100],
      [30, 110],
      [40, 102],
      [50, 110],
      [60, 102],
      [72, 114],
    ],
    nearMiss: [
      [0, 100],
      [20, 100],
      [30, 110],
      [40, 102],
      [50, 107.5],
      [60, 102],
      [72, 114],
    ],
    why: 'the two highs are 2.5 apart, so no cluster forms a level',
  },
];

describe.each(shapes)('$id', ({ id, mirrorId, direction, bar, shape, nearMiss, why }) => {
  it(`is confirmed at bar ${bar}`, () => {
    const hits = detected(pathBars(shape), id);
    expect(hits.map((h) => [h.barIndex, h.direction])).toEqual([[bar, direction]]);
    expect(hits[0].strength).toBeGreaterThan(0);
    expect(hits[0].strength).toBeLessThanOrEqual(1);
  });

  it(`mirrors to ${mirrorId} at the same bar`, () => {
    const top = detected(pathBars(shape), id)[0];
    const bottom = detected(mirror(pathBars(shape)), mirrorId);
    expect(bottom.map((h) => [h.barIndex, h.direction])).toEqual([[bar, -direction]]);
    expect(bottom[0].strength).toBeCloseTo(top.strength, 9);
  });

  it(`is not detected when ${why}`, () => {
    expect(detected(pathBars(nearMiss), id)).toEqual([]);
    expect(detected(mirror(pathBars(nearMiss)), mirrorId)).toEqual([]);
  });
});

describe('triangle_symmetrical', () => {
  const shape: Anchors = [
    [0, 100],
    [20, 100],
    [30, 110],
    [38, 100],
    [46, 108],
    [54, 102],
    [62, 106],
    [68, 104],
    [78, 112],
  ];

  it('breaks out on either side with that side as direction', () => {
    expect(detected(pathBars(shape), 'triangle_symmetrical').map((h) => [h.barIndex, h.direction])).toEqual([[71, 1]]);
    expect(detected(mirror(pathBars(shape)), 'triangle_symmetrical').map((h) => [h.barIndex, h.direction])).toEqual([
      [71, -1],
    ]);
  });

  it('is not detected when the highs stop falling (upper line flat)', () => {
    const flatTop: Anchors = [
      [0, 100],
      [20, 100],
      [30, 108],
      [38, 100],
      [46, 108],
      [54, 102],
      [62, 108],
      [68, 104],
      [78, 112],
    ];
    expect(detected(pathBars(flatTop), 'triangle_symmetrical')).toEqual([]);
  });
});

describe('refractory period', () => {
  it('suppresses a repeat of the same pattern within 10 bars, counting detections passed in', () => {
    const bars = pathBars([
      [0, 100],
      [30, 100],
      [45, 110],
      [60, 100],
      [75, 110],
      [95, 95],
    ]);
    const ind = computeIndicators(bars);
    const all = detectChartPatterns(bars, ind).filter((d) => d.patternId === 'double_top');
    expect(all.map((d) => d.barIndex)).toEqual([90]);
    const suppressed = detectChartPatterns(bars, ind, 85, bars.length, new Map([['double_top', 80]]));
    expect(suppressed.filter((d) => d.patternId === 'double_top')).toEqual([]);
    const allowed = detectChartPatterns(bars, ind, 85, bars.length, new Map([['double_top', 79]]));
    expect(allowed.filter((d) => d.patternId === 'double_top').map((d) => d.barIndex)).toEqual([90]);
  });
});
