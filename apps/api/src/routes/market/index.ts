import { Type as T } from '@sinclair/typebox';
import type { Config } from '@tx/config';
import { type Sql, watchlists } from '@tx/db';
import { type Asset, type MarketData, TIMEFRAMES } from '@tx/market-data';
import type { FastifyInstance } from 'fastify';
import { sendCached } from '../../lib/cached-body';
import { Envelope, ok } from '../../lib/envelope';
import { notFound } from '../../lib/errors';
import { createCandlesHandler } from './candles';
import { assetGroups, patternCatalog, sources } from './catalog';
import { mapped } from './errors';
import {
  AssetClassT,
  AssetsDataT,
  CandlesDataT,
  type CandlesQuery,
  CandlesQueryT,
  CandleT,
  CoverageDataT,
  FeaturesDataT,
  ProviderHealthDataT,
  QuoteT,
} from './schemas';

export interface MarketRouteOptions {
  marketData: MarketData;
  sql: Sql;
  config: Config;
  /** ML state for /api/features (an active model exists; the online model has learned); false until ML lands. */
  mlFlags?: () => Promise<{ ml_scoring: boolean; online_learning: boolean }>;
}

const M = { auth: 'public', group: 'M' } as const;
const H = { auth: 'public', group: 'H' } as const;
const NEWS_PROVIDERS = ['polygon', 'yahoo', 'finnhub', 'alpha_vantage'] as const;

/** Market data, assets, coverage, features and provider health (api.md §3.1, §3.2). */
export async function marketRoutes(app: FastifyInstance, opts: MarketRouteOptions) {
  const md = opts.marketData;
  const candles = createCandlesHandler(md);

  app.get(
    '/api/candles',
    { config: M, schema: { querystring: CandlesQueryT, response: { 200: Envelope(CandlesDataT) } } },
    async (req, reply) => sendCached(req, reply, await candles(req.query as CandlesQuery, false)),
  );
  app.get(
    '/api/api/candles',
    {
      config: { ...M, canonical: '/api/candles' },
      schema: { querystring: CandlesQueryT, response: { 200: Envelope(T.Array(CandleT)) }, deprecated: true },
    },
    async (req, reply) => sendCached(req, reply, await candles(req.query as CandlesQuery, true)),
  );

  const quoteSchema = {
    params: T.Object({ symbol: T.String({ minLength: 1, maxLength: 64 }) }),
    response: { 200: Envelope(QuoteT) },
  };
  const quote = async (req: { params: unknown }) => {
    const q = await mapped(md.getQuote((req.params as { symbol: string }).symbol));
    return ok(q, { provider: q.provider, as_of: q.as_of });
  };
  app.get('/api/market/:symbol', { config: M, schema: quoteSchema }, quote);
  app.get(
    '/api/data/:symbol',
    { config: { ...M, canonical: '/api/market/:symbol' }, schema: { ...quoteSchema, deprecated: true } },
    quote,
  );

  const assetsSchema = {
    querystring: T.Object({
      q: T.Optional(T.String({ minLength: 1, maxLength: 32 })),
      asset_class: T.Optional(AssetClassT),
    }),
    response: { 200: Envelope(AssetsDataT) },
  };
  const assets = async (req: { query: unknown }) => {
    const { q, asset_class } = req.query as { q?: string; asset_class?: Asset['asset_class'] };
    return ok(await assetGroups(md, q, asset_class));
  };
  app.get('/api/assets/list', { config: M, schema: assetsSchema }, assets);
  app.get(
    '/api/assets',
    { config: { ...M, canonical: '/api/assets/list' }, schema: { ...assetsSchema, deprecated: true } },
    assets,
  );

  app.get('/api/coverage', { config: M, schema: { response: { 200: Envelope(CoverageDataT) } } }, async () => {
    const h = md.health();
    const patterns = patternCatalog();
    const groups = await assetGroups(md);
    return ok({
      sources: sources(md),
      providers: {
        configured: Object.entries(h.providers)
          .filter(([, p]) => p.enabled)
          .map(([id]) => id),
        priority: h.priority,
      },
      intervals: [...TIMEFRAMES],
      patterns_supported: patterns.total,
      pattern_families: {
        candlestick: patterns.candlestick,
        chart: patterns.chart.length,
        indicator: patterns.indicator.length,
      },
      assets: { stocks: groups.stocks.count, indices: 0, crypto: groups.crypto.count, forex: groups.forex.count },
    });
  });

  app.get('/api/features', { config: M, schema: { response: { 200: Envelope(FeaturesDataT) } } }, async () => {
    const h = md.health();
    const patterns = patternCatalog();
    const ml = (await opts.mlFlags?.()) ?? { ml_scoring: false, online_learning: false };
    return ok({
      paper_trading_enabled: true,
      sentiment_enabled: NEWS_PROVIDERS.some((id) => h.providers[id].enabled),
      live_scanning: true,
      websocket: true,
      backtesting: true,
      ...ml,
      data_sources: sources(md),
      patterns: { candlestick: patterns.candlestick, chart: patterns.chart, indicator: patterns.indicator },
    });
  });

  app.get(
    '/api/provider-health',
    { config: H, schema: { response: { 200: Envelope(ProviderHealthDataT) } } },
    async () => {
      const { providers, priority, timestamp } = md.health();
      return ok({ providers, priority, timestamp });
    },
  );

  app.get(
    '/api/market-scan',
    {
      config: M,
      schema: {
        querystring: T.Object({
          type: T.Union([T.Literal('trending'), T.Literal('volume'), T.Literal('gainers'), T.Literal('losers')], {
            default: 'trending',
          }),
          limit: T.Integer({ minimum: 1, maximum: 50, default: 10 }),
          watchlist_id: T.Optional(T.Integer({ minimum: 1 })),
        }),
        response: { 200: Envelope(T.Array(QuoteT)) },
      },
    },
    async (req) => {
      const q = req.query as {
        type: 'trending' | 'volume' | 'gainers' | 'losers';
        limit: number;
        watchlist_id?: number;
      };
      let universe = opts.config.defaultWatchlist;
      if (q.watchlist_id !== undefined) {
        const list = req.identity
          ? await watchlists.watchlistById(opts.sql, req.identity.userId, q.watchlist_id)
          : undefined;
        if (!list) throw notFound('Watchlist');
        universe = list.symbols;
      }
      const results = await Promise.all(
        universe.map((s) =>
          md.getQuote(s).then(
            (x) => x,
            () => null,
          ),
        ),
      );
      const quotes = results.filter((x) => x !== null);
      const missing = universe.filter((_, i) => results[i] === null);
      const key = {
        trending: (x: (typeof quotes)[number]) => -Math.abs(x.change_percent),
        volume: (x: (typeof quotes)[number]) => -x.volume,
        gainers: (x: (typeof quotes)[number]) => -x.change_percent,
        losers: (x: (typeof quotes)[number]) => x.change_percent,
      }[q.type];
      quotes.sort((a, b) => key(a) - key(b));
      return ok(quotes.slice(0, q.limit), { missing_symbols: missing });
    },
  );
}

/** The `providers` component of /health/detailed and whether every provider of some asset class is down. */
export function providerComponents(md: MarketData) {
  const h = md.health();
  const providers = Object.fromEntries(
    Object.entries(h.providers).map(([id, p]) => [id, { enabled: p.enabled, ok: p.ok, breaker: p.breaker }]),
  );
  return { providers, ...(h.degraded ? { degraded: true } : {}) };
}
