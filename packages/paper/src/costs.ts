import { type Dec, dec } from './money';

/** Cost model of every paper fill (domain §9.2, Appendix B): 5 bps slippage on market and stop fills, 0.1 % commission. */
export const SLIPPAGE_BPS = 5;
export const COMMISSION_BPS = 10;

const SLIP = dec(SLIPPAGE_BPS).div(10_000);
const COMMISSION = dec(COMMISSION_BPS).div(10_000);

export type OrderSide = 'buy' | 'sell';

/** Market or stop fill: the reference price moved against the trader. */
export function slippedPrice(reference: Dec, side: OrderSide): Dec {
  return side === 'buy' ? reference.mul(SLIP.plus(1)) : reference.mul(dec(1).minus(SLIP));
}

/** Commission = 0.1 % of notional, minimum 0. */
export function commission(qty: Dec, price: Dec): Dec {
  return qty.mul(price).mul(COMMISSION);
}

export const COMMISSION_RATE = COMMISSION;
export const SLIPPAGE_RATE = SLIP;
