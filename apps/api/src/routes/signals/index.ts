import { Type as T } from '@sinclair/typebox';
import type { Config } from '@tx/config';
import { detections, type Sql, scans } from '@tx/db';
import { LABEL_VERSION, riskLevels } from '@tx/domain';
import { isSymbolError, normalizeSymbol } from '@tx/market-data';
import type { FastifyInstance } from 'fastify';
import { Envelope, ok } from '../../lib/envelope';
import { AppError } from '../../lib/errors';
import { Open } from '../../lib/typebox';
import { globalDefaults } from '../../services/scan';
import { scanTimeframe } from '../../services/scan-detect';
import { displayName } from '../../services/scan-patterns';

const M = { auth: 'public', group: 'M' } as const;
const SignalT = Open({
  type: T.String(),
  symbol: T.String(),
  action: T.String(),
  pattern: T.String(),
  confidence: T.Number(),
  confidence_pct: T.Number(),
  price: T.Number(),
  stop_loss: T.Number(),
  take_profit: T.Number(),
  risk_reward_ratio: T.Number(),
  timeframe: T.String(),
  timestamp: T.String(),
  entryPrice: T.Number(),
  stopLoss: T.Number(),
  takeProfit: T.Number(),
  riskReward: T.String(),
});

const r8 = (x: number) => Math.round(x * 1e8) / 1e8;

/** Entry signals: directional detections on the latest evaluated bar at or above `minConfidence`, ATR levels. */
async function entrySignals(sql: Sql, symbols: string[], tf: string, minConfidence: number) {
  const rows = await detections.onLatestBar(sql, symbols, tf, LABEL_VERSION);
  return rows
    .filter((d) => d.confidence >= minConfidence && d.atr > 0)
    .map((d) => {
      const risk = riskLevels(d.price, d.direction, d.atr);
      return {
        type: 'entry',
        symbol: d.symbol,
        action: d.direction === 1 ? 'BUY' : 'SELL',
        pattern: displayName(d.pattern_id, d.direction),
        confidence: Math.round(d.confidence * 1e4) / 1e4,
        confidence_pct: Math.round(d.confidence * 1000) / 10,
        price: r8(d.price),
        stop_loss: r8(risk.stop_loss),
        take_profit: r8(risk.take_profit),
        risk_reward_ratio: Math.round(risk.rr * 100) / 100,
        timeframe: d.timeframe,
        timestamp: d.bar_time.toISOString(),
        detection_id: d.id,
        alert_id: null,
        entryPrice: r8(risk.entry),
        stopLoss: r8(risk.stop_loss),
        takeProfit: r8(risk.take_profit),
        riskReward: `1:${Math.round(risk.rr * 100) / 100}`,
      };
    });
}

function canonical(s: string) {
  const n = normalizeSymbol(s);
  if (isSymbolError(n)) throw new AppError(400, 'INVALID_SYMBOL', 'Symbol is malformed');
  return n.symbol;
}

/** Entry/exit signals (api.md §3.11). Exit signals need open positions, which this service does not read. */
export async function signalRoutes(app: FastifyInstance, opts: { sql: Sql; config: Config }) {
  const { sql } = opts;
  const universe = async () => (await scans.getScanConfig(sql, globalDefaults(opts.config))).symbols.slice(0, 50);

  app.get(
    '/api/signals/entry-exit',
    {
      config: M,
      schema: {
        querystring: T.Object({
          symbol: T.Optional(T.String({ maxLength: 32 })),
          timeframe: T.String({ default: '1d', maxLength: 8 }),
          type: T.Union([T.Literal('all'), T.Literal('entry'), T.Literal('exit')], { default: 'all' }),
          min_confidence: T.Number({ minimum: 0, maximum: 1, default: 0.7 }),
        }),
        response: {
          200: Envelope(
            Open({
              symbol: T.Union([T.String(), T.Null()]),
              timeframe: T.String(),
              signals: T.Array(SignalT),
              market_context: T.Union([Open({}), T.Null()]),
              timestamp: T.String(),
            }),
          ),
        },
      },
    },
    async (req) => {
      const q = req.query as { symbol?: string; timeframe: string; type: string; min_confidence: number };
      const tf = scanTimeframe(q.timeframe);
      const symbols = q.symbol ? [canonical(q.symbol)] : await universe();
      const signals = q.type === 'exit' ? [] : await entrySignals(sql, symbols, tf, q.min_confidence);
      return ok({
        symbol: q.symbol ? symbols[0] : null,
        timeframe: tf,
        signals,
        market_context: null,
        timestamp: new Date().toISOString(),
      });
    },
  );

  app.post(
    '/api/signals/entry-exit',
    {
      config: M,
      schema: {
        body: T.Object(
          {
            symbols: T.Optional(T.Array(T.String({ minLength: 1, maxLength: 32 }), { minItems: 1 })),
            timeframe: T.String({ default: '1d', maxLength: 8 }),
            min_confidence: T.Number({ minimum: 0, maximum: 1, default: 0.7 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Envelope(
            T.Object({
              data: T.Array(Open({ symbol: T.String(), signals: T.Array(SignalT) })),
              meta: Open({
                min_confidence_threshold: T.Number(),
                total_symbols_analyzed: T.Integer(),
                symbols_with_signals: T.Integer(),
                total_signals: T.Integer(),
              }),
              timestamp: T.String(),
            }),
          ),
        },
      },
    },
    async (req) => {
      const b = req.body as { symbols?: string[]; timeframe: string; min_confidence: number };
      if (b.symbols && b.symbols.length > 20) {
        throw new AppError(422, 'LIMIT_EXCEEDED', 'At most 20 symbols', [
          { limit: 'symbols', max: 20, value: b.symbols.length },
        ]);
      }
      const tf = scanTimeframe(b.timeframe);
      const symbols = b.symbols ? b.symbols.map(canonical) : (await universe()).slice(0, 20);
      const signals = await entrySignals(sql, symbols, tf, b.min_confidence);
      const data = symbols.map((symbol) => ({
        symbol,
        signals: signals.filter((s) => s.symbol === symbol),
        market_data: null,
        sentiment: null,
      }));
      return ok({
        data,
        meta: {
          min_confidence_threshold: b.min_confidence,
          total_symbols_analyzed: symbols.length,
          symbols_with_signals: data.filter((x) => x.signals.length > 0).length,
          total_signals: signals.length,
        },
        timestamp: new Date().toISOString(),
      });
    },
  );
}
