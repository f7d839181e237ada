import * as doji from './doji';
import * as single from './single-candle';
export type { CandleFunction } from './candle-function';
export const CANDLE_FUNCTIONS = [...Object.values(doji), ...Object.values(single)];
