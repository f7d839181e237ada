import Decimal from 'decimal.js';

/**
 * Decimal arithmetic for money and quantities (domain §0): 60 significant digits, so sums and products of stored
 * numerics are exact; where a rule rounds it rounds half-even to 10 dp (ROUND_DP).
 */
export const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -60, toExpPos: 60 });
export type Dec = Decimal;

export const ROUND_DP = 10;
export const ZERO = new Dec(0);

/** From a stored numeric string or a quote's double (its shortest decimal form, never its binary expansion). */
export function dec(v: string | number | Decimal): Decimal {
  return new Dec(typeof v === 'number' ? String(v) : v);
}

/** For numeric parameters: plain notation, never an exponent. */
export function str(d: Decimal): string {
  return d.toFixed();
}

/** JSON number for responses: money to 2 dp, prices and quantities to 8 dp (api.md §1.6). */
export function num(d: Decimal | string | null | undefined, dp = 8): number | null {
  if (d === null || d === undefined) return null;
  return dec(d).toDecimalPlaces(dp).toNumber();
}
export const money = (d: Decimal | string) => num(d, 2) as number;
