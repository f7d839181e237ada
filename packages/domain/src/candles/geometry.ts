import type { BarSeries } from '../bars';
import { CandleAverages } from './settings';

/**
 * Per-bar candle geometry, computed once per series and shared by every pattern function (TA-Lib recomputes these
 * inside each function; precomputing them is what makes running all 61 on one series cheap). Each column holds
 * exactly the double TA-Lib's macro would produce, so comparisons stay bit-identical.
 *
 * A whole-series context (`candleContext`) holds every bar at its own index. A `CandleWindow` holds one block of
 * bars at a time plus the WINDOW_HISTORY bars before it: column index k is bar `offset + k`, and the loaded bars end
 * at `end`. Kernels index columns locally and never look further back than WINDOW_HISTORY bars.
 */
export interface CandleContext {
  /** Bars in the whole series. */
  readonly length: number;
  /** Bar index of column index 0 (0 for a whole series). */
  offset: number;
  /** Bar index after the last loaded bar (`length` for a whole series). */
  end: number;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  /** |C - O| (TA_REALBODY). */
  readonly body: Float64Array;
  /** H - L (TA_HIGHLOWRANGE). */
  readonly range: Float64Array;
  /** H - max(O, C) (TA_UPPERSHADOW). */
  readonly upper: Float64Array;
  /** min(O, C) - L (TA_LOWERSHADOW). */
  readonly lower: Float64Array;
  /** upper + lower: what the "shadows" candle settings average. */
  readonly shadows: Float64Array;
  /** max(O, C): top of the real body. */
  readonly top: Float64Array;
  /** min(O, C): bottom of the real body. */
  readonly bottom: Float64Array;
  /** +1 white (C >= O), -1 black (TA_CANDLECOLOR). */
  readonly color: Int8Array;
  /** The candle-setting averages the prepared functions judge with (see `averageSeries`), shared by all of them. */
  readonly averages: CandleAverages;
}

/** The furthest any pattern looks back from the bar it outputs (tweezers: 10 bars; candle averages: 10). */
const WINDOW_HISTORY = 16;

export function candleContext(bars: BarSeries): CandleContext {
  const n = bars.length;
  const c = allocateContext(n, n, bars.open, bars.high, bars.low, bars.close);
  fillGeometry(c, 0, n);
  c.end = n;
  return c;
}

/**
 * A context that slides over a series block by block: the columns of the loaded block (and its history) stay in
 * the CPU cache while every function scans it, and memory stays a few blocks' worth however long the series.
 */
export class CandleWindow {
  readonly ctx: CandleContext;
  private readonly size: number;

  constructor(
    private readonly bars: BarSeries,
    private readonly block: number,
  ) {
    this.size = WINDOW_HISTORY + block;
    const column = () => new Float64Array(this.size);
    this.ctx = allocateContext(bars.length, this.size, column(), column(), column(), column());
    this.ctx.offset = -WINDOW_HISTORY;
  }

  /** Loads bars [base, min(length, base + block)); blocks must come in order, starting at 0. */
  load(base: number): void {
    const c = this.ctx;
    const end = Math.min(c.length, base + this.block);
    if (base !== c.end) throw new RangeError(`block ${base} does not follow ${c.end}`);
    if (base > 0) {
      // The new block's history is the tail of the previous (full) block.
      for (const col of columns(c)) col.copyWithin(0, this.block, this.size);
      c.averages.shift(this.block, this.size);
    }
    c.offset = base - WINDOW_HISTORY;
    const local = WINDOW_HISTORY;
    const { open, high, low, close } = this.bars;
    c.open.set(open.subarray(base, end), local);
    c.high.set(high.subarray(base, end), local);
    c.low.set(low.subarray(base, end), local);
    c.close.set(close.subarray(base, end), local);
    fillGeometry(c, local, local + end - base);
    c.end = end;
    c.averages.fill(c, base, end);
  }
}

function allocateContext(
  length: number,
  size: number,
  open: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
): CandleContext {
  return {
    length,
    offset: 0,
    end: 0,
    open,
    high,
    low,
    close,
    body: new Float64Array(size),
    range: new Float64Array(size),
    upper: new Float64Array(size),
    lower: new Float64Array(size),
    shadows: new Float64Array(size),
    top: new Float64Array(size),
    bottom: new Float64Array(size),
    color: new Int8Array(size),
    averages: new CandleAverages(size),
  };
}

function columns(c: CandleContext) {
  const { open, high, low, close, body, range, upper, lower, shadows, top, bottom, color } = c;
  return [open, high, low, close, body, range, upper, lower, shadows, top, bottom, color];
}

/** Derives the geometry of column indices [from, to) from their open/high/low/close. */
function fillGeometry(c: CandleContext, from: number, to: number): void {
  const { open, high, low, close, body, range, upper, lower, shadows, top, bottom, color } = c;
  for (let i = from; i < to; i++) {
    const o = open[i];
    const cl = close[i];
    const white = cl >= o;
    const t = white ? cl : o;
    const b = white ? o : cl;
    body[i] = white ? cl - o : o - cl;
    range[i] = high[i] - low[i];
    upper[i] = high[i] - t;
    lower[i] = b - low[i];
    shadows[i] = upper[i] + lower[i];
    top[i] = t;
    bottom[i] = b;
    color[i] = white ? 1 : -1;
  }
}

/** Real body of `a` entirely above the real body of `b` (TA_REALBODYGAPUP). */
export function bodyGapUp(c: CandleContext, a: number, b: number): boolean {
  return c.bottom[a] > c.top[b];
}

/** Real body of `a` entirely below the real body of `b` (TA_REALBODYGAPDOWN). */
export function bodyGapDown(c: CandleContext, a: number, b: number): boolean {
  return c.top[a] < c.bottom[b];
}

/** Whole candle `a` above candle `b` (TA_CANDLEGAPUP). */
export function candleGapUp(c: CandleContext, a: number, b: number): boolean {
  return c.low[a] > c.high[b];
}

/** Whole candle `a` below candle `b` (TA_CANDLEGAPDOWN). */
export function candleGapDown(c: CandleContext, a: number, b: number): boolean {
  return c.high[a] < c.low[b];
}
