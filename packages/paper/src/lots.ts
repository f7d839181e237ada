import { type Dec, dec } from './money';

export type AssetClass = 'equity' | 'crypto' | 'forex';

/** Lot decimals (domain §9.1): whole shares, 1e-8 of a coin, whole FX units. */
const LOT_DP: Record<AssetClass, number> = { equity: 0, crypto: 8, forex: 0 };

export function isWholeLots(qty: Dec, assetClass: AssetClass): boolean {
  return qty.decimalPlaces() <= LOT_DP[assetClass];
}

export function lotFloor(qty: Dec, assetClass: AssetClass): Dec {
  return qty.lt(0) ? dec(0) : qty.toDecimalPlaces(LOT_DP[assetClass], 1 /* ROUND_DOWN */);
}
