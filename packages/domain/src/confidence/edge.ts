import { SL_ATR, TP_ATR } from '../labeling';

/** Default paper costs per side (spec §9.2, Appendix B): commission 0.1%, slippage 5 bps. */
export const COMMISSION_RATE = 0.001;
export const SLIPPAGE_RATE = 0.0005;

/** Round-trip commission and slippage in R (R = 1·ATR, the stop distance), for an entry near `price`. */
export function costR(price: number, atr: number): number {
  return (price * 2 * (COMMISSION_RATE + SLIPPAGE_RATE)) / (SL_ATR * atr);
}

/** Expected R of taking the trade: win +2R with probability p, loss or timeout counted as -1R, minus costs. */
export function expectedR(p: number, costInR: number): number {
  return TP_ATR * p - SL_ATR * (1 - p) - costInR;
}
