import { listPatterns } from '@tx/domain';
import type { Asset, MarketData, ProviderId } from '@tx/market-data';

/** Which sources are enabled and able to serve now (api.md §3.2 coverage `sources`). */
export function sources(md: MarketData) {
  const h = md.health();
  const up = (id: ProviderId) => h.providers[id].enabled && h.providers[id].ok;
  return {
    yahoo: up('yahoo'),
    stocks: h.priority.equity.some(up),
    crypto: h.priority.crypto.some(up),
    forex: h.priority.forex.some(up),
    synthetic: up('synthetic'),
    csv: up('csv'),
    polygon: up('polygon'),
    finnhub: up('finnhub'),
    alpha_vantage: up('alpha_vantage'),
    coingecko: up('coingecko'),
  };
}

export function patternCatalog() {
  const all = listPatterns();
  const of = (family: string) => all.filter((p) => p.family === family);
  return {
    total: all.length,
    candlestick: of('candlestick').length,
    chart: of('chart').map((p) => p.name),
    indicator: of('indicator').map((p) => p.name),
  };
}

const LIMIT = 100;
const empty = { available: false, count: 0, symbols: [] as Asset[], providers: [] as string[] };

/** Assets grouped as the client reads them; counts are the real totals, lists capped at 100. */
export async function assetGroups(md: MarketData, q?: string, assetClass?: Asset['asset_class']) {
  const priority = md.priority();
  const assets = await md.searchAssets(q, assetClass);
  const group = (cls: Asset['asset_class']) => {
    const symbols = assets.filter((a) => a.asset_class === cls);
    return {
      available: priority[cls].length > 0,
      count: symbols.length,
      symbols: symbols.slice(0, LIMIT),
      providers: priority[cls],
    };
  };
  const stocks = group('equity');
  const crypto = group('crypto');
  const forex = group('forex');
  return {
    stocks,
    indices: empty,
    crypto,
    forex,
    commodities: empty,
    total: stocks.count + crypto.count + forex.count,
  };
}
