import type { paperPositions } from '@tx/db';
import { type Dec, dec, ROUND_DP, ZERO } from './money';

/** Initial requirement of domain §9.4: open shorts need 150 % of their value in cash. */
export const INITIAL_MARGIN = 1.5;

/** One position's book: signed quantity q and cost basis B >= 0 (domain §9.3). */
export interface Book {
  qty: Dec;
  basis: Dec;
}

export interface Leg {
  /** Signed quantity this leg moves the position by. */
  delta: Dec;
  kind: 'increase' | 'reduce';
}

/**
 * Splits a signed fill into the legs §9.3 applies: an increase, a reduce, or a flip (reduce all of q, then
 * increase by the rest on a new round trip).
 */
export function legs(q: Dec, delta: Dec): Leg[] {
  if (q.isZero() || q.lt(0) === delta.lt(0)) return [{ delta, kind: 'increase' }];
  if (delta.abs().lte(q.abs())) return [{ delta, kind: 'reduce' }];
  return [
    { delta: q.neg(), kind: 'reduce' },
    { delta: delta.plus(q), kind: 'increase' },
  ];
}

export interface LegResult extends Book {
  realized: Dec;
  /** Cost basis removed by a reduce (0 for an increase). */
  removed: Dec;
}

/** Applies one leg at price p: increase adds |Δ|·p to B; reduce removes B pro rata (rounded to 10 dp). */
export function applyLeg(book: Book, leg: Leg, price: Dec): LegResult {
  const size = leg.delta.abs();
  if (leg.kind === 'increase') {
    return { qty: book.qty.plus(leg.delta), basis: book.basis.plus(size.mul(price)), realized: ZERO, removed: ZERO };
  }
  const whole = size.eq(book.qty.abs());
  const removed = whole ? book.basis : book.basis.mul(size).div(book.qty.abs()).toDecimalPlaces(ROUND_DP);
  const realized = size
    .mul(price)
    .minus(removed)
    .mul(book.qty.lt(0) ? -1 : 1);
  return { qty: book.qty.plus(leg.delta), basis: book.basis.minus(removed), realized, removed };
}

/** Fee split of a flip (§9.3): the closing part pro rata by quantity, rounded to 10 dp; the rest to the opening part. */
export function splitFee(fee: Dec, closing: Dec, total: Dec): [Dec, Dec] {
  const first = fee.mul(closing).div(total).toDecimalPlaces(ROUND_DP);
  return [first, fee.minus(first)];
}

/** Cash moved by a fill: a buy pays notional plus fee, a sell receives notional minus fee. */
export function cashDelta(delta: Dec, price: Dec, fee: Dec): Dec {
  return delta.mul(price).neg().minus(fee);
}

/** Σ |q|·P over the open shorts, a short without a mark at its cost basis. */
export function shortValue(positions: paperPositions.PositionRow[], marks: Map<string, Dec>) {
  return positions
    .filter((p) => dec(p.qty).lt(0))
    .reduce(
      (acc, p) => acc.plus(marks.has(p.symbol) ? dec(p.qty).abs().mul(marks.get(p.symbol)!) : dec(p.cost_basis)),
      ZERO,
    );
}
