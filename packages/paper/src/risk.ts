import { COMMISSION_RATE } from './costs';
import { type AssetClass, lotFloor } from './lots';
import { type Dec, dec, num } from './money';

/** Risk settings (api.md §3.7) as the rules read them; percentages are 0–100. */
export interface RiskLimits {
  max_position_size: number;
  max_position_pct: number;
  max_daily_loss: number;
  stop_loss_percentage: number;
  max_open_positions: number;
  risk_per_trade: number;
  diversification_limit: number;
  allow_short: boolean;
  enforce: boolean;
}

export interface RiskCheck {
  rule: string;
  passed: boolean;
  limit: number | null;
  value: number | null;
  message: string;
}

export interface RiskInput {
  equity: Dec;
  /** Equity first seen today (UTC); null on the first order of the day. */
  dayStartEquity: Dec | null;
  price: Dec;
  /** Position after the order (signed) and the exposure-increasing part of the order (unsigned). */
  qtyAfter: Dec;
  opening: Dec;
  stop: Dec;
  /** Open positions after the order, in total and in the order's asset class. */
  openAfter: number;
  openInClassAfter: number;
  assetClass: AssetClass;
  short: boolean;
}

const check = (rule: string, passed: boolean, limit: number | null, value: number | null, message: string) => ({
  rule,
  passed,
  limit,
  value,
  message,
});

/**
 * Rules 1–4 of domain §9.5 for the exposure-increasing part of an order (reductions always pass), plus the
 * allow_short setting. Funds (rule 5) are checked by the ledger itself inside the fill transaction.
 */
export function riskChecks(limits: RiskLimits, r: RiskInput): RiskCheck[] {
  if (r.opening.isZero()) return [];
  const E = r.equity;
  const size = r.qtyAfter.abs().mul(r.price);
  const pctCap = E.mul(limits.max_position_pct).div(100);
  const risk = r.opening.mul(r.price.minus(r.stop).abs());
  const riskCap = E.mul(limits.risk_per_trade).div(100);
  const dayPnl = r.dayStartEquity ? E.minus(r.dayStartEquity) : dec(0);
  const checks = [
    check(
      'max_position_pct',
      size.lte(pctCap),
      num(pctCap, 2),
      num(size, 2),
      `Position value must be at most ${limits.max_position_pct}% of equity`,
    ),
    check(
      'max_position_size',
      size.lte(limits.max_position_size),
      limits.max_position_size,
      num(size, 2),
      'Position value over the maximum position size',
    ),
    check(
      'risk_per_trade',
      risk.lte(riskCap),
      num(riskCap, 2),
      num(risk, 2),
      `Risk to the stop must be at most ${limits.risk_per_trade}% of equity`,
    ),
    check(
      'max_open_positions',
      r.openAfter <= limits.max_open_positions,
      limits.max_open_positions,
      r.openAfter,
      'Too many open positions',
    ),
    check(
      'diversification_limit',
      r.openInClassAfter <= limits.diversification_limit,
      limits.diversification_limit,
      r.openInClassAfter,
      `Too many open ${r.assetClass} positions`,
    ),
    check(
      'max_daily_loss',
      dayPnl.gt(-limits.max_daily_loss),
      limits.max_daily_loss,
      num(dayPnl.neg(), 2),
      'Daily loss limit reached: new exposure is blocked until tomorrow (UTC)',
    ),
  ];
  if (r.short)
    checks.push(
      check('allow_short', limits.allow_short, null, null, 'Short selling is disabled in your risk settings'),
    );
  return checks;
}

export interface Sizing {
  qty: Dec;
  riskAmount: Dec;
  stopDistance: Dec;
  cappedBy: 'risk' | 'max_position_pct' | 'funds' | 'max_position_size';
}

/**
 * Quantity when the order gives none (domain §9.6): the smallest of the risk-based size, the position caps and what
 * the funds allow, floored to the lot. `funds` is cash for a long and available funds (cash - 1.5 × shorts) for a
 * short.
 */
export function sizeOrder(
  limits: RiskLimits,
  equity: Dec,
  price: Dec,
  stop: Dec,
  funds: Dec,
  short: boolean,
  assetClass: AssetClass,
): Sizing {
  const riskAmount = equity.mul(limits.risk_per_trade).div(100);
  const stopDistance = price.minus(stop).abs();
  // A long pays notional plus commission; a short adds 1.5× its value to the margin need and receives proceeds less fees.
  const perUnit = short
    ? price.mul(1.5).minus(price.mul(dec(1).minus(COMMISSION_RATE)))
    : price.mul(COMMISSION_RATE.plus(1));
  const candidates: [Sizing['cappedBy'], Dec][] = [
    ['risk', stopDistance.isZero() ? dec(Number.MAX_SAFE_INTEGER) : riskAmount.div(stopDistance)],
    ['max_position_pct', equity.mul(limits.max_position_pct).div(100).div(price)],
    ['max_position_size', dec(limits.max_position_size).div(price)],
    ['funds', funds.lt(0) ? dec(0) : funds.div(perUnit)],
  ];
  const [cappedBy, raw] = candidates.reduce((a, b) => (b[1].lt(a[1]) ? b : a));
  return { qty: lotFloor(raw, assetClass), riskAmount, stopDistance, cappedBy };
}
