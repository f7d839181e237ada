import { Type as T } from '@sinclair/typebox';
import type { Sql } from '@tx/db';
import { getPattern, type ScanTimeframe } from '@tx/domain';
import type { MarketData } from '@tx/market-data';
import type { FastifyInstance } from 'fastify';
import { Envelope, ok } from '../../lib/envelope';
import { Nullable } from '../../lib/typebox';
import { marketContext } from '../../services/market-context';
import { detectNow, scanTimeframe } from '../../services/scan-detect';
import { type DetectionObject, keywords } from '../../services/scan-patterns';
import { DetectionT } from './schemas';

const M = { auth: 'public', group: 'M' } as const;
const LOOKBACK = 300;
/** The timeframes the multi-timeframe layer compares (api.md §3.4). */
const MTF: ScanTimeframe[] = ['1h', '4h', '1d'];

const Layer = T.Object({ available: T.Boolean(), score: Nullable(T.Number()) });
const unavailable = { available: false, score: null };

/**
 * POST /api/detect-enhanced: /api/detect on the latest closed bars, each detection with every scoring layer TX
 * has beside it (api.md §3.4). None of them changes the detection's confidence. TX has no sentiment source and no
 * trained model yet, so those layers say `available: false` and `sentiment_score` is 0, as the contract asks.
 */
export function enhancedDetectRoutes(app: FastifyInstance, opts: { sql: Sql; marketData: MarketData }) {
  const schema = {
    body: T.Object(
      {
        symbol: T.String({ minLength: 1, maxLength: 32 }),
        timeframe: T.String({ default: '1d', maxLength: 8 }),
      },
      { additionalProperties: false },
    ),
    response: {
      200: Envelope(
        T.Array(
          T.Object(
            {
              ...DetectionT.properties,
              sentiment_score: T.Number(),
              sentiment_available: T.Boolean(),
              keywords: T.Array(T.String()),
              entry_signal: Nullable(
                T.Object({
                  action: T.String(),
                  price: T.Number(),
                  stop_loss: T.Number(),
                  take_profit: T.Number(),
                  rr: T.Number(),
                }),
              ),
              exit_signal: T.Null(),
              market_context: T.Object({
                trend: T.String(),
                rsi14: Nullable(T.Number()),
                atr14: Nullable(T.Number()),
                volume_ratio: Nullable(T.Number()),
                regime: Nullable(T.String()),
              }),
              layers: T.Object({ rule: Layer, model: Layer, multi_timeframe: Layer, sentiment: Layer }),
            },
            { additionalProperties: true },
          ),
        ),
      ),
    },
  };

  const handler = async (req: { body: unknown }) => {
    const b = req.body as { symbol: string; timeframe: string };
    const tf = scanTimeframe(b.timeframe);
    const r = await detectNow(opts.sql, opts.marketData, b.symbol, tf, LOOKBACK);
    if (r.patterns.length === 0) return ok([], r.insufficient ? { reason: 'insufficient_history' } : undefined);
    const context = marketContext(r.bars);
    const others = await otherDirections(opts, b.symbol, tf);
    return ok(
      r.patterns.map((d) => ({
        ...d,
        sentiment_score: 0,
        sentiment_available: false,
        keywords: keywordsOf(d),
        entry_signal: entrySignal(d),
        exit_signal: null,
        market_context: context,
        layers: {
          rule: { available: true, score: d.confidence_pct },
          model: unavailable,
          multi_timeframe: multiTimeframe(d, others),
          sentiment: unavailable,
        },
      })),
    );
  };

  app.post('/api/detect-enhanced', { config: M, schema }, handler);
  app.post(
    '/api/detect/enhanced',
    { config: { ...M, canonical: '/api/detect-enhanced' }, schema: { ...schema, deprecated: true } },
    handler,
  );
}

/**
 * The directions detected on the latest closed bar of each other timeframe of MTF that has one. A timeframe whose
 * bars cannot be had (a provider without it, too little history) is simply not directional.
 */
async function otherDirections(opts: { sql: Sql; marketData: MarketData }, symbol: string, tf: ScanTimeframe) {
  const runs = await Promise.all(
    MTF.filter((other) => other !== tf).map((other) =>
      detectNow(opts.sql, opts.marketData, symbol, other, LOOKBACK).then(
        (r) => new Set(r.patterns.map((d) => d.direction)),
        () => new Set<string>(),
      ),
    ),
  );
  return runs.filter((directions) => directions.size > 0);
}

/** 100 × agreeing / directional timeframes; unavailable when no other timeframe is directional. */
function multiTimeframe(d: DetectionObject, others: Set<string>[]) {
  if (others.length === 0) return unavailable;
  const agreeing = others.filter((directions) => directions.has(d.direction)).length;
  return { available: true, score: Math.round((1000 * agreeing) / others.length) / 10 };
}

function keywordsOf(d: DetectionObject): string[] {
  const info = getPattern(d.pattern_id);
  return info ? keywords(info) : [];
}

function entrySignal(d: DetectionObject) {
  const r = d.metadata.risk_suggestions;
  if (!r) return null;
  return {
    action: d.metadata.suggested_action,
    price: r.entry,
    stop_loss: r.stop_loss,
    take_profit: r.take_profit,
    rr: r.rr,
  };
}
