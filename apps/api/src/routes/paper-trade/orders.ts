import { Type as T } from '@sinclair/typebox';
import { paperFills, paperOrders } from '@tx/db';
import { cancelOrder, fillView, orderView } from '@tx/paper';
import type { FastifyInstance } from 'fastify';
import { Envelope, ok } from '../../lib/envelope';
import { notFound } from '../../lib/errors';
import { userId } from '../../plugins/auth';
import { guarded, instrument, type PaperDeps, publishOrderChange } from '../../services/paper-trade';
import { cursors } from './cursor';
import { EmptyBody, IdParam, Obj, OrdersQuery } from './schemas';

const U = { auth: 'user', group: 'U' } as const;
const orderId = (raw: string) => Number(raw.replace(/^(ord_|pos_)/, ''));

/** Orders of the caller (api.md §3.6): list, one with its fills, cancel (with its bracket legs). */
export async function ordersRoutes(app: FastifyInstance, d: PaperDeps) {
  const cursor = cursors(d.config.SECRET_KEY);

  app.get(
    '/api/orders',
    { config: U, schema: { querystring: OrdersQuery, response: { 200: Envelope(T.Array(Obj)) } } },
    async (req) => {
      const q = req.query as { status?: string; symbol?: string; limit?: number; cursor?: string };
      const me = userId(req);
      const symbol = q.symbol ? instrument(q.symbol).symbol : undefined;
      const status = q.status && q.status !== 'all' ? q.status : undefined;
      const limit = q.limit ?? 50;
      const scope = `orders:${me}:${status ?? 'all'}:${symbol ?? ''}`;
      const rows = await paperOrders.list(d.sql, me, {
        status,
        symbol,
        limit: limit + 1,
        beforeId: cursor.decode(scope, q.cursor),
      });
      const page = rows.slice(0, limit);
      const next = rows.length > limit ? cursor.encode(scope, page.at(-1)!.id) : null;
      return ok(page.map(orderView), { limit, next_cursor: next });
    },
  );

  app.get(
    '/api/orders/:id',
    { config: U, schema: { params: IdParam, response: { 200: Envelope(Obj) } } },
    async (req) => {
      const order = await paperOrders.byId(d.sql, userId(req), orderId((req.params as { id: string }).id));
      if (!order) throw notFound('Order');
      const fills = await paperFills.forOrders(d.sql, [order.id]);
      return ok({ ...orderView(order), fills: fills.map(fillView) });
    },
  );

  app.post(
    '/api/orders/:id/cancel',
    {
      config: { auth: 'user', group: 'T', idempotent: true },
      schema: { params: IdParam, body: T.Optional(EmptyBody), response: { 200: Envelope(Obj) } },
    },
    async (req) => {
      const me = userId(req);
      const order = await guarded(() => cancelOrder(d.sql, me, orderId((req.params as { id: string }).id)));
      if (!order) throw notFound('Order');
      await publishOrderChange(d, req.log, me, 'order', order);
      return ok(orderView(order));
    },
  );
}
