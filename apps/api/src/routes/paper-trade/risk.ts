import { paperAccounts, paperPositions, riskSettings } from '@tx/db';
import {
  COMMISSION_BPS,
  currentPrice,
  dec,
  equityOf,
  loadSettings,
  markPrices,
  num,
  preTradeChecks,
  SLIPPAGE_BPS,
  settingsView,
  sizeOrder,
  slippedPrice,
  stopFor,
} from '@tx/paper';
import type { FastifyInstance } from 'fastify';
import { Envelope, ok } from '../../lib/envelope';
import { validation } from '../../lib/errors';
import { userId } from '../../plugins/auth';
import { guarded, instrument, type PaperDeps } from '../../services/paper-trade';
import { issueToken, TOKEN_TTL_S } from './confirmation';
import { qtyOf } from './requests';
import { Obj, PreTradeBody, RiskSettingsBody } from './schemas';

/** Risk settings and the pre-trade check (api.md §3.7). The check writes nothing. */
export async function riskRoutes(app: FastifyInstance, d: PaperDeps) {
  const initialCashOf = async (me: string) =>
    Number((await paperAccounts.findActive(d.sql, me))?.initial_cash ?? d.config.PAPER_INITIAL_CASH);

  app.get(
    '/api/risk-settings',
    { config: { auth: 'user', group: 'U' }, schema: { response: { 200: Envelope(Obj) } } },
    async (req) => {
      const me = userId(req);
      return ok(settingsView(await riskSettings.get(d.sql, me), await initialCashOf(me)));
    },
  );

  app.post(
    '/api/risk-settings',
    { config: { auth: 'user', group: 'T' }, schema: { body: RiskSettingsBody, response: { 200: Envelope(Obj) } } },
    async (req) => {
      const me = userId(req);
      const { user_id: _u, userId: _v, ...patch } = req.body as typeof RiskSettingsBody.static;
      const row = await riskSettings.upsert(d.sql, me, patch as Record<string, number | boolean>);
      return ok(settingsView(row, await initialCashOf(me)));
    },
  );

  app.post(
    '/api/risk/pre-trade-check',
    { config: { auth: 'user', group: 'M' }, schema: { body: PreTradeBody, response: { 200: Envelope(Obj) } } },
    async (req) => {
      const me = userId(req);
      const body = req.body as typeof PreTradeBody.static;
      const side = body.side.trim().toLowerCase();
      if (side !== 'buy' && side !== 'sell') throw validation([{ field: 'side', issue: 'must be buy or sell' }]);
      const { symbol, assetClass } = instrument(body.symbol);
      const now = new Date();
      const quote = await guarded(() => currentPrice(d.quotes, symbol, d.config.PAPER_MAX_QUOTE_AGE_S, now));
      const account = await paperAccounts.findActive(d.sql, me);
      const positions = account ? await paperPositions.listOpen(d.sql, account.id) : [];
      const marks = await markPrices(
        d.quotes,
        positions.map((p) => p.symbol),
        d.config.PAPER_MAX_QUOTE_AGE_S,
        now,
      );
      marks.set(symbol, quote.price);
      const cash = dec(account?.cash ?? String(d.config.PAPER_INITIAL_CASH));
      const equity = account ? equityOf(account, positions, marks) : cash;
      const limits = await loadSettings(d.sql, me, Number(account?.initial_cash ?? d.config.PAPER_INITIAL_CASH));
      const entry = body.entry != null ? dec(body.entry) : slippedPrice(quote.price, side);
      const stop = stopFor(side, entry, body.stop_loss != null ? dec(body.stop_loss) : null, limits);
      const distance = entry.mul(limits.take_profit_percentage).div(100);
      const target =
        body.take_profit != null
          ? dec(body.take_profit)
          : side === 'buy'
            ? entry.plus(distance)
            : entry.minus(distance);
      const current = positions.find((p) => p.symbol === symbol);
      const q = current ? dec(current.qty) : dec(0);
      const shorts = positions
        .filter((p) => dec(p.qty).lt(0))
        .reduce(
          (a, p) =>
            a.plus(
              dec(p.qty)
                .abs()
                .mul(marks.get(p.symbol) ?? dec(0)),
            ),
          dec(0),
        );
      const funds = side === 'sell' ? cash.minus(shorts.mul(1.5)) : cash;
      const qty = qtyOf(body) ?? sizeOrder(limits, equity, entry, stop, funds, side === 'sell', assetClass).qty;
      const delta = side === 'buy' ? qty : qty.neg();
      const after = q.plus(delta);
      const opening = q.isZero() || q.lt(0) === delta.lt(0) ? qty : qty.gt(q.abs()) ? qty.minus(q.abs()) : dec(0);
      const checks = preTradeChecks(limits, {
        equity,
        dayStart:
          account?.day_start_equity && account.day?.toISOString().slice(0, 10) === now.toISOString().slice(0, 10)
            ? dec(account.day_start_equity)
            : null,
        price: entry,
        after,
        opening,
        stop,
        positions,
        symbol,
        assetClass,
        short: after.lt(0),
      });
      const cost = side === 'buy' ? qty.mul(entry).mul(1 + COMMISSION_BPS / 10_000) : dec(0);
      const fundsOk = side === 'buy' ? cost.lte(cash) : funds.minus(qty.mul(entry).mul(0.5)).gte(0);
      checks.push({
        rule: 'funds',
        passed: fundsOk && qty.gt(0),
        limit: num(funds, 2),
        value: num(cost, 2),
        message: 'Order cost or margin must fit the available funds',
      });
      const failed = checks.filter((c) => !c.passed);
      const blocking = failed.filter((c) => limits.enforce || c.rule === 'funds');
      const allowed = blocking.length === 0;
      const rrDen = entry.minus(stop).abs();
      const rr = rrDen.isZero() ? null : num(target.minus(entry).abs().div(rrDen), 2);
      const expires = new Date(now.getTime() + TOKEN_TTL_S * 1000);
      const token = allowed
        ? issueToken(d.config.SECRET_KEY, { u: me, s: symbol, side, entry: entry.toString(), exp: expires.getTime() })
        : null;
      return ok({
        symbol,
        side,
        current_price: num(quote.price),
        entry: num(entry),
        stop_loss: num(stop),
        take_profit: num(target),
        quantity: num(qty),
        atr: null,
        rr,
        spread_estimate_bps: null,
        slippage_estimate_bps: SLIPPAGE_BPS,
        historical: {
          available: false,
          sample_size: 0,
          failure_rate: null,
          avg_win_pct: null,
          avg_loss_pct: null,
          median_hold_bars: null,
        },
        checks,
        warnings: failed.map((c) => c.message),
        recommendation_level: !allowed
          ? 'blocked'
          : failed.length > 0
            ? 'high_risk'
            : rr !== null && rr < 1.5
              ? 'caution'
              : 'info',
        allowed,
        risk_confirmation_token: token,
        token_expires_at: token ? expires.toISOString() : null,
        timestamp: now.toISOString(),
      });
    },
  );
}
