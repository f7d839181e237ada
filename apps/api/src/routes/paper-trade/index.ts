import { Type as T } from '@sinclair/typebox';
import { alerts, paperAccounts, paperPositions } from '@tx/db';
import {
  account,
  currentPrice,
  dec,
  loadSettings,
  marketOrder,
  type OrderResult,
  resetAccount,
  slippedPrice,
  trades,
} from '@tx/paper';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Envelope, ok } from '../../lib/envelope';
import { AppError, validation } from '../../lib/errors';
import { userId } from '../../plugins/auth';
import {
  execute,
  executeView,
  guarded,
  instrument,
  type PaperDeps,
  paperContext,
  publishOrderChange,
} from '../../services/paper-trade';
import { spendToken } from './confirmation';
import { cursors } from './cursor';
import { ordersRoutes } from './orders';
import { alertLink, executeRequest, idempotencyKey, intentOf, notActionable, qtyOf } from './requests';
import { riskRoutes } from './risk';
import {
  CloseBody,
  type CloseBodyT,
  ExecuteBody,
  type ExecuteBodyT,
  FromAlertBody,
  type FromAlertBodyT,
  Obj,
  PaperTrade,
  PortfolioQuery,
  ResetBody,
} from './schemas';

const U = { auth: 'user', group: 'U' } as const;
const TRADE = { auth: 'user', group: 'T', idempotent: true } as const;

/**
 * Paper trading (api.md §3.6) and risk (§3.7), with the existing client's aliases (§6.1). Money-moving POSTs honour
 * Idempotency-Key (plugins/idempotency.ts) and, beneath it, the order's client_order_id.
 */
export async function paperTradeRoutes(app: FastifyInstance, d: PaperDeps) {
  const ctx = paperContext(d);
  const cursor = cursors(d.config.SECRET_KEY);
  const confirmation = { secret: d.config.SECRET_KEY, redis: d.redis, keyPrefix: d.keyPrefix };

  const portfolioSchema = {
    querystring: PortfolioQuery,
    response: { 200: Envelope(T.Array(PaperTrade)) },
  };
  const portfolio = async (req: FastifyRequest) => {
    const q = req.query as typeof PortfolioQuery.static;
    const me = userId(req);
    const symbol = q.symbol ? instrument(q.symbol).symbol : undefined;
    const status = q.status ?? 'all';
    const limit = q.limit ?? 50;
    const scope = `portfolio:${me}:${status}:${symbol ?? ''}`;
    const page = await trades(ctx, me, { status, symbol, limit, beforeId: cursor.decode(scope, q.cursor) });
    return ok(page.rows, { limit, next_cursor: page.next === null ? null : cursor.encode(scope, page.next) });
  };
  const canonicalPortfolio = '/api/paper-trade/portfolio';
  app.get(canonicalPortfolio, { config: U, schema: portfolioSchema }, portfolio);
  for (const alias of ['/api/paper-trades', '/api/paper/portfolio']) {
    app.get(
      alias,
      { config: { ...U, canonical: canonicalPortfolio }, schema: { ...portfolioSchema, deprecated: true } },
      portfolio,
    );
  }

  const executeSchema = { body: ExecuteBody, response: { 201: Envelope(Obj) } };
  const executeHandler = async (req: FastifyRequest, reply: FastifyReply) => {
    const me = userId(req);
    const order = await executeRequest(
      d.sql,
      me,
      req.body as ExecuteBodyT,
      idempotencyKey(req.headers['idempotency-key']),
    );
    const result = await execute(d, req.log, order);
    return reply.code(201).send(ok(executeView(result)));
  };
  const canonicalExecute = '/api/paper-trade/execute';
  app.post(canonicalExecute, { config: TRADE, schema: executeSchema }, executeHandler);
  for (const alias of ['/api/paper-trades', '/api/paper/trade']) {
    app.post(
      alias,
      { config: { ...TRADE, canonical: canonicalExecute }, schema: { ...executeSchema, deprecated: true } },
      executeHandler,
    );
  }

  const close = async (req: FastifyRequest, body: CloseBodyT, pathId?: string) => {
    const me = userId(req);
    const position = await findPosition(me, body, pathId);
    const q = qtyOf(body);
    const result = await execute(
      d,
      req.log,
      marketOrder({
        userId: me,
        symbol: position.symbol,
        assetClass: position.asset_class as 'equity',
        intent: position.side === 'long' ? 'sell' : 'cover',
        qty: q,
        clientOrderId: idempotencyKey(req.headers['idempotency-key'], 'close'),
        reduceOnly: true,
      }),
    );
    const v = executeView(result);
    return ok({
      order: v.order,
      fill: v.fills.at(-1) ?? null,
      realized_pnl: result.realized.toDecimalPlaces(2).toNumber(),
      position: v.position,
      account: { cash: v.account.cash, equity: v.account.equity },
    });
  };
  const findPosition = async (me: string, body: CloseBodyT, pathId?: string) => {
    const raw = pathId ?? body.position_id ?? body.trade_id;
    const active = await paperAccounts.findActive(d.sql, me);
    const open = active ? await paperPositions.listOpen(d.sql, active.id) : [];
    let found: (typeof open)[number] | undefined;
    if (raw !== undefined) {
      const id = Number(String(raw).replace(/^pos_/, ''));
      found = open.find((p) => p.id === id);
    } else if (body.symbol) {
      const symbol = instrument(body.symbol).symbol;
      found = open.find((p) => p.symbol === symbol);
    } else {
      throw validation([{ field: 'symbol', issue: 'one of symbol, position_id, trade_id is required' }]);
    }
    if (!found) throw new AppError(422, 'POSITION_NOT_FOUND', 'No matching open position');
    return found;
  };
  const canonicalClose = '/api/close-position';
  app.post(canonicalClose, { config: TRADE, schema: { body: CloseBody, response: { 200: Envelope(Obj) } } }, (req) =>
    close(req, req.body as CloseBodyT),
  );
  app.post(
    '/api/paper/trade/:id/close',
    {
      config: { ...TRADE, canonical: canonicalClose },
      schema: {
        params: T.Object({ id: T.String({ pattern: '^(pos_)?[0-9]{1,18}$' }) }),
        body: CloseBody,
        response: { 200: Envelope(Obj) },
        deprecated: true,
      },
    },
    (req) => close(req, req.body as CloseBodyT, (req.params as { id: string }).id),
  );

  app.post(
    '/api/paper-trade/execute-from-alert',
    { config: TRADE, schema: { body: FromAlertBody, response: { 201: Envelope(Obj) } } },
    async (req, reply) => {
      const me = userId(req);
      const body = req.body as FromAlertBodyT;
      const settings = await loadSettings(d.sql, me, d.config.PAPER_INITIAL_CASH);
      const link = await alertLink(d.sql, body.alert_id ?? body.alertId, me);
      if ((body.alert_id ?? body.alertId) && !link.alert) throw new AppError(404, 'NOT_FOUND', 'Alert not found');
      const stored = link.alert;
      const action = (stored ? stored.suggested_action : (body.suggested_action ?? body.action ?? '')).toUpperCase();
      if (action === 'WATCH' || action === 'CONTINUATION') throw notActionable(action);
      if (action !== 'BUY' && action !== 'SELL') {
        throw validation([{ field: 'suggested_action', issue: 'must be BUY, SELL, WATCH or CONTINUATION' }]);
      }
      const symbolRaw = stored?.symbol ?? body.symbol;
      if (!symbolRaw) throw validation([{ field: 'symbol', issue: 'is required without alert_id' }]);
      const confidence = stored ? stored.confidence : (body.confidence ?? null);
      if (confidence !== null && confidence < settings.confidence_threshold) {
        throw new AppError(422, 'RISK_CHECK_FAILED', 'Alert confidence is under your confidence threshold', [
          {
            rule: 'confidence_threshold',
            passed: false,
            limit: settings.confidence_threshold,
            value: confidence,
            message: 'Alert confidence is under your confidence threshold',
          },
        ]);
      }
      const risk = stored
        ? { entry: stored.entry, stop_loss: stored.stop_loss, take_profit: stored.take_profit, rr: stored.rr }
        : (body.risk_suggestions ?? null);
      const { symbol, assetClass } = instrument(symbolRaw);
      if (d.config.requireRiskConfirmation) {
        const side = action === 'BUY' ? 'buy' : 'sell';
        const now = new Date();
        const entry =
          risk?.entry != null
            ? dec(risk.entry)
            : slippedPrice((await guarded(() => currentPrice(d.quotes, symbol, ctx.maxQuoteAgeS, now))).price, side);
        const token = body.risk_confirmation_token ?? body.risk_token;
        await spendToken(confirmation, token, { userId: me, symbol, side, entry, now });
      }
      const result = await execute(d, req.log, {
        userId: me,
        symbol,
        assetClass,
        intent: intentOf(action),
        qty: qtyOf(body),
        type: 'market',
        limitPrice: null,
        stopLoss: risk?.stop_loss != null ? dec(risk.stop_loss) : null,
        takeProfit: risk?.take_profit != null ? dec(risk.take_profit) : null,
        timeInForce: 'gtc',
        source: 'alert',
        alertId: link.alertId,
        detectionId: link.detectionId,
        pattern: stored?.pattern_key ?? body.pattern ?? body.alert_type ?? null,
        confidence,
        clientOrderId: idempotencyKey(req.headers['idempotency-key'], 'alert'),
      });
      if (link.alertId) await markActed(link.alertId, me, result);
      return reply.code(201).send(ok({ ...executeView(result), alert_id: link.alertId, risk_suggestions: risk }));
    },
  );
  const markActed = async (alertId: number, me: string, r: OrderResult) => {
    await alerts.setUserStatus(d.sql, alertId, me, 'acted', { userAction: 'execute', orderId: String(r.order.id) });
  };

  const accountHandler = async (req: FastifyRequest) => {
    const a = await account(ctx, userId(req));
    return ok(a.view, a.unpriced.length > 0 ? { unpriced_symbols: a.unpriced } : undefined);
  };
  app.get('/api/account', { config: U, schema: { response: { 200: Envelope(Obj) } } }, accountHandler);
  app.get(
    '/api/portfolio',
    { config: { ...U, canonical: '/api/account' }, schema: { response: { 200: Envelope(Obj) }, deprecated: true } },
    accountHandler,
  );

  app.post(
    '/api/account/reset',
    { config: TRADE, schema: { body: ResetBody, response: { 200: Envelope(Obj) } } },
    async (req) => {
      const me = userId(req);
      const body = req.body as typeof ResetBody.static;
      await guarded(() => resetAccount(d.sql, me, String(body.initial_cash ?? d.config.PAPER_INITIAL_CASH)));
      await publishOrderChange(d, req.log, me, 'reset', null);
      const a = await account(ctx, me);
      return ok(a.view);
    },
  );

  await app.register(ordersRoutes, d);
  await app.register(riskRoutes, d);
}
