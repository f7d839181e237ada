export { bookFill, type ExitReason } from './book';
export { COMMISSION_BPS, commission, SLIPPAGE_BPS, slippedPrice } from './costs';
export { PaperError } from './errors';
export { portfolioUpdate } from './events';
export { applyLeg, type Book, cashDelta, legs, splitFee } from './ledger';
export { loadSettings, RISK_DEFAULTS, type Settings, settingsView } from './limits';
export { type AssetClass, isWholeLots, lotFloor } from './lots';
export { marginCalls } from './margin';
export { Dec, dec, money, num, str } from './money';
export {
  cancelOrder,
  equityOf,
  fillResting,
  type Intent,
  marketOrder,
  type OrderRequest,
  type OrderResult,
  type PaperContext,
  placeOrder,
  preTradeChecks,
  resetAccount,
  stopFor,
} from './orders';
export { currentPrice, markPrices, type Quote, type QuoteSource } from './quotes';
export { account, type ReadContext, snapshot, type TradeFilter, trades } from './reads';
export { type RiskCheck, type RiskLimits, riskChecks, sizeOrder } from './risk';
export { accountView, closedTradeView, fillView, openTradeView, orderView, positionView } from './views';
