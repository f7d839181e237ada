import * as bottoms from './bottoms';
import type { CandleFunction } from './candle-function';
import * as continuation from './continuation';
import * as crows from './crows';
import * as doji from './doji';
import * as engulfingHarami from './engulfing-harami';
import * as gaps from './gaps';
import * as hammers from './hammers';
import * as hikkake from './hikkake';
import * as kicking from './kicking';
import * as lines from './lines';
import * as singleCandle from './single-candle';
import * as soldiers from './soldiers';
import * as stars from './stars';
import { TX_TWEEZER_BOTTOM, TX_TWEEZER_TOP } from './tweezers';

export type { CandleFunction } from './candle-function';
/**
 * Running several functions over one series: compute `candleContext(bars)` once and pass it to each `compute`, so
 * the per-bar geometry (body, range, shadows, colour) is derived once instead of per function.
 */
export { type CandleContext, CandleWindow, candleContext } from './geometry';

const families = [
  bottoms,
  continuation,
  crows,
  doji,
  engulfingHarami,
  gaps,
  hammers,
  hikkake,
  kicking,
  lines,
  singleCandle,
  soldiers,
  stars,
];

/** TA-Lib's 61 CDL functions, in TA-Lib's alphabetical order (domain spec §3.3 numbering). */
export const CANDLE_FUNCTIONS: readonly CandleFunction[] = families
  .flatMap((family): CandleFunction[] => Object.values(family))
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** TX's tweezer bottom / top (domain spec §3.4). */
export const TWEEZERS: readonly CandleFunction[] = [TX_TWEEZER_BOTTOM, TX_TWEEZER_TOP];
