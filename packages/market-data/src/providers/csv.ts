import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseBarsCsv } from '@tx/domain';
import { registryAsset } from '../assets';
import { isSymbolError, normalizeSymbol } from '../symbols';
import { DURATION_MS, TIMEFRAMES } from '../timeframes';
import {
  type Asset,
  type AssetClass,
  type Bar,
  type MarketDataProvider,
  ProviderError,
  type ProviderQuote,
  type Timeframe,
} from '../types';

interface Loaded {
  mtimeMs: number;
  timeframe: Timeframe | null;
  bars: Bar[];
}

/** 1d when times are dates, else the spacing that occurs most often between rows (domain §12.2). */
function detectTimeframe(text: string, bars: Bar[]): Timeframe | null {
  const firstTime = text.slice(text.indexOf('\n') + 1, text.indexOf(',', text.indexOf('\n') + 1));
  if (/^\d{4}-\d{2}-\d{2}$/.test(firstTime.trim())) return '1d';
  const counts = new Map<number, number>();
  for (let i = 1; i < Math.min(bars.length, 500); i++) {
    const gap = (bars[i] as Bar).time - (bars[i - 1] as Bar).time;
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return TIMEFRAMES.find((tf) => DURATION_MS[tf] === common) ?? null;
}

/**
 * Read-only bar files `<dir>/<SYMBOL>.csv` (canonical symbol), header `time,open,high,low,close,volume`, one
 * timeframe per directory. Rows are served as written, not re-aligned. Files are re-read when they change.
 */
export class CsvProvider implements MarketDataProvider {
  readonly id = 'csv' as const;
  readonly capabilities = {
    assetClasses: ['equity', 'crypto', 'forex'] as AssetClass[],
    timeframes: [...TIMEFRAMES],
    quotes: true,
    search: true,
    news: false,
    finalityLagMs: 0,
    rateLimit: null,
  };
  private readonly files = new Map<string, Loaded>();

  constructor(private readonly dir: string) {}

  private async load(symbol: string): Promise<Loaded> {
    const path = join(this.dir, `${symbol}.csv`);
    const info = await stat(path).catch(() => null);
    if (!info) throw new ProviderError('csv', 'not_found', 'no file for symbol');
    const hit = this.files.get(symbol);
    if (hit && hit.mtimeMs === info.mtimeMs) return hit;
    const text = await readFile(path, 'utf8');
    const s = parseBarsCsv(text);
    const bars: Bar[] = [];
    for (let i = 0; i < s.length; i++) {
      bars.push({
        time: s.time[i] as number,
        open: s.open[i] as number,
        high: s.high[i] as number,
        low: s.low[i] as number,
        close: s.close[i] as number,
        volume: s.volume[i] as number,
      });
    }
    const loaded = { mtimeMs: info.mtimeMs, timeframe: detectTimeframe(text, bars), bars };
    this.files.set(symbol, loaded);
    return loaded;
  }

  private async series(symbol: string, tf: Timeframe): Promise<Bar[]> {
    const f = await this.load(symbol);
    if (f.timeframe !== tf) throw new ProviderError('csv', 'unsupported', `csv directory holds ${f.timeframe} bars`);
    return f.bars;
  }

  async getBars(symbol: string, _cls: AssetClass, tf: Timeframe, from: number, to: number): Promise<Bar[]> {
    return (await this.series(symbol, tf)).filter((b) => b.time >= from && b.time < to);
  }

  async lastBarTime(symbol: string, tf: Timeframe): Promise<number | null> {
    return (await this.series(symbol, tf)).at(-1)?.time ?? null;
  }

  /** Last close; change against the row before it. */
  async getQuote(symbol: string): Promise<ProviderQuote> {
    const f = await this.load(symbol);
    const last = f.bars.at(-1);
    if (!last) throw new ProviderError('csv', 'not_found', 'empty file');
    return {
      symbol,
      price: last.close,
      prev_close: f.bars.at(-2)?.close ?? null,
      open: last.open,
      high: last.high,
      low: last.low,
      volume: last.volume,
      ts: last.time + (f.timeframe ? DURATION_MS[f.timeframe] : 0),
    };
  }

  async searchAssets(query: string): Promise<Asset[]> {
    const q = query.toUpperCase();
    const names = await readdir(this.dir).catch(() => []);
    const out: Asset[] = [];
    for (const name of names) {
      if (!name.endsWith('.csv')) continue;
      const n = normalizeSymbol(name.slice(0, -4));
      if (isSymbolError(n) || !n.symbol.includes(q)) continue;
      const known = registryAsset(n.symbol);
      out.push({
        symbol: n.symbol,
        name: known?.name ?? n.symbol,
        exchange: known?.exchange ?? null,
        asset_class: n.assetClass,
      });
    }
    return out;
  }
}
