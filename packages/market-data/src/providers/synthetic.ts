import { createHash } from 'node:crypto';
import { registryAsset, registryAssets } from '../assets';
import { equitySession, fxOpen, isWeekday } from '../calendar';
import { DAY_MS, DURATION_MS, TIMEFRAMES } from '../timeframes';
import {
  type AssetClass,
  type Bar,
  type MarketDataProvider,
  ProviderError,
  type ProviderQuote,
  type Timeframe,
} from '../types';

/**
 * Deterministic synthetic feed (domain §12.3): sfc32 seeded per (seed, symbol, timeframe, chunk), GARCH-like
 * volatility with calm/turbulent regimes, equity opening gaps, volume tied to |z|. 1d series run year by year from
 * 2015-01-01; intraday series per UTC day from the previous 1d close and that day's regime and g. Chunk labels:
 * the year (`2015`) for 1d, the UTC date (`2015-01-02`) for intraday. Serves registry symbols only.
 */
const START_YEAR = 2015;
const PARAMS: Record<AssetClass, { sigma: number; muCalm: number; muTurb: number; vDay: number; dayYears: number }> = {
  equity: { sigma: 0.25, muCalm: 0.08, muTurb: -0.1, vDay: 5_000_000, dayYears: 1 / 252 },
  crypto: { sigma: 0.6, muCalm: 0.2, muTurb: -0.3, vDay: 20_000, dayYears: 1 / 365 },
  forex: { sigma: 0.08, muCalm: 0, muTurb: 0, vDay: 100_000, dayYears: 1 / 260 },
};
const SESSION_MS: Record<AssetClass, number> = { equity: 6.5 * 3_600_000, crypto: DAY_MS, forex: DAY_MS };
const INTRADAY: Timeframe[] = ['1m', '5m', '15m', '30m', '1h', '4h'];

/** sfc32 over four uint32 words of SHA-256(label) (little-endian). */
export function rngFor(label: string): () => number {
  const h = createHash('sha256').update(label).digest();
  let a = h.readUInt32LE(0);
  let b = h.readUInt32LE(4);
  let c = h.readUInt32LE(8);
  let d = h.readUInt32LE(12);
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return ((t >>> 0) + 0.5) / 4294967296;
  };
}

/** Standard normal by Box–Muller, cosine branch only (two uniforms per draw). */
function normal(u: () => number): number {
  const u1 = u();
  const u2 = u();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

export function initialPrice(symbol: string, cls: AssetClass): number {
  const h = createHash('sha256').update(symbol).digest().readUInt32LE(0);
  if (cls === 'equity') return 50 + (h % 450);
  if (cls === 'crypto') return 100 * (1 + (h % 500));
  return 1 + (h % 100) / 100;
}

function tick(symbol: string, cls: AssetClass, price: number): number {
  if (cls === 'equity') return 0.01;
  if (cls === 'crypto') return price < 1 ? 1e-6 : 0.01;
  return symbol.includes('JPY') ? 1e-3 : 1e-5;
}

function roundTo(x: number, step: number): number {
  const decimals = Math.max(0, Math.round(-Math.log10(step)));
  return Number((Math.round(x / step) * step).toFixed(decimals));
}

export interface State {
  close: number;
  turbulent: boolean;
  g: number;
  zPrev: number;
}

/** One bar of the model; consumes exactly six draws (u_regime, z, z_gap, z_high, z_low, z_vol). */
export function step(u: () => number, s: State, cls: AssetClass, dt: number, gap: boolean) {
  const p = PARAMS[cls];
  const uRegime = u();
  const z = normal(u);
  const zGap = normal(u);
  const zHigh = normal(u);
  const zLow = normal(u);
  const zVol = normal(u);
  const ratio = dt / p.dayYears;
  const switchP = 1 - (1 - (s.turbulent ? 0.1 : 0.02)) ** ratio;
  const turbulent = uRegime < switchP ? !s.turbulent : s.turbulent;
  const g = 0.02 + 0.08 * s.zPrev * s.zPrev * s.g + 0.9 * s.g;
  const sigma = p.sigma * (turbulent ? 2 : 1) * Math.sqrt(g);
  const mu = turbulent ? p.muTurb : p.muCalm;
  const sd = sigma * Math.sqrt(dt);
  const close = s.close * Math.exp((mu - (sigma * sigma) / 2) * dt + sd * z);
  const open = gap ? s.close * Math.exp(0.1 * sd * zGap) : s.close;
  const high = Math.max(open, close) * Math.exp(0.5 * sd * Math.abs(zHigh));
  const low = Math.min(open, close) * Math.exp(-0.5 * sd * Math.abs(zLow));
  const volume = p.vDay * ratio * Math.exp(0.5 * zVol) * (1 + 0.25 * Math.abs(z));
  return { open, high, low, close, volume, state: { close, turbulent, g, zPrev: z } };
}

function finish(symbol: string, cls: AssetClass, time: number, b: ReturnType<typeof step>): Bar {
  const t = tick(symbol, cls, b.close);
  const open = roundTo(b.open, t);
  const close = roundTo(b.close, t);
  return {
    time,
    open,
    close,
    high: Math.max(roundTo(b.high, t), open, close),
    low: Math.min(roundTo(b.low, t), open, close),
    volume: Math.round(b.volume),
  };
}

interface Daily {
  bars: Bar[];
  /** Close time of each bar (equity: session close). */
  closes: number[];
  /** Per day with a 1d bar: the start of its intraday chunk (previous close, that day's regime and g) and the
   * model state after the day's bar. */
  days: Map<number, { start: State; after: State }>;
  throughYear: number;
}

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export class SyntheticProvider implements MarketDataProvider {
  readonly id = 'synthetic' as const;
  readonly capabilities = {
    assetClasses: ['equity', 'crypto', 'forex'] as AssetClass[],
    timeframes: [...TIMEFRAMES],
    quotes: true,
    search: true,
    news: false,
    finalityLagMs: 0,
    rateLimit: null,
  };
  private readonly daily = new Map<string, Daily>();
  private readonly chunks = new Map<string, Bar[]>();

  constructor(
    private readonly seed: number,
    private readonly now: () => number = Date.now,
  ) {}

  private classOf(symbol: string): AssetClass {
    const a = registryAsset(symbol);
    if (!a) throw new ProviderError('synthetic', 'not_found', 'symbol not in the synthetic registry');
    return a.asset_class;
  }

  /** 1d series through `year`, generated year by year from 2015 (each year continues the previous one's state). */
  private dailyThrough(symbol: string, cls: AssetClass, year: number): Daily {
    let d = this.daily.get(symbol);
    if (!d) {
      d = { bars: [], closes: [], days: new Map(), throughYear: START_YEAR - 1 };
      this.daily.set(symbol, d);
    }
    let s: State =
      d.bars.length > 0
        ? (d.days.get(Math.floor((d.bars.at(-1) as Bar).time / DAY_MS)) as { after: State }).after
        : { close: initialPrice(symbol, cls), turbulent: false, g: 1, zPrev: 1 };
    const dt = PARAMS[cls].dayYears;
    for (let y = d.throughYear + 1; y <= year; y++) {
      const u = rngFor(`${this.seed}|${symbol}|1d|${y}`);
      const last = Math.floor(Date.UTC(y + 1, 0, 1) / DAY_MS);
      for (let day = Math.floor(Date.UTC(y, 0, 1) / DAY_MS); day < last; day++) {
        let closeAt: number;
        if (cls === 'equity') {
          const session = equitySession(day);
          if (!session) continue;
          closeAt = session.close;
        } else {
          if (cls === 'forex' && !isWeekday(day)) continue;
          closeAt = (day + 1) * DAY_MS;
        }
        const b = step(u, s, cls, dt, cls === 'equity');
        d.days.set(day, {
          start: { close: s.close, turbulent: b.state.turbulent, g: b.state.g, zPrev: 1 },
          after: b.state,
        });
        d.bars.push(finish(symbol, cls, day * DAY_MS, b));
        d.closes.push(closeAt);
        s = b.state;
      }
      d.throughYear = y;
    }
    return d;
  }

  /** Start state of day `day`'s intraday chunk: that day's 1d regime and g (or the latest before it). */
  private intradayStart(symbol: string, cls: AssetClass, day: number): State | null {
    const d = this.dailyThrough(symbol, cls, new Date(day * DAY_MS).getUTCFullYear());
    for (let k = day; k >= day - 10; k--) {
      const s = d.days.get(k);
      if (s) return k === day ? s.start : { ...s.after, zPrev: 1 };
    }
    return null;
  }

  private intradayDay(symbol: string, cls: AssetClass, tf: Timeframe, day: number): Bar[] {
    const key = `${symbol}|${tf}|${day}`;
    const hit = this.chunks.get(key);
    if (hit) return hit;
    const dur = DURATION_MS[tf];
    const out: Bar[] = [];
    let s = this.intradayStart(symbol, cls, day);
    if (s) {
      const u = rngFor(`${this.seed}|${symbol}|${tf}|${isoDay(day)}`);
      const session = cls === 'equity' ? equitySession(day) : null;
      for (let t = day * DAY_MS; t < (day + 1) * DAY_MS; t += dur) {
        let active = dur;
        if (cls === 'equity') {
          if (!session) break;
          active = Math.min(t + dur, session.close) - Math.max(t, session.open);
          if (active <= 0) continue;
        } else if (cls === 'forex' && !fxOpen(t) && !fxOpen(t + dur - 1)) continue;
        const dt = (active / SESSION_MS[cls]) * PARAMS[cls].dayYears;
        const b = step(u, s, cls, dt, false);
        out.push(finish(symbol, cls, t, b));
        s = b.state;
      }
    }
    if (this.chunks.size > 5000) this.chunks.clear();
    this.chunks.set(key, out);
    return out;
  }

  private closeTime(cls: AssetClass, tf: Timeframe, t: number): number {
    const end = t + DURATION_MS[tf];
    if (cls !== 'equity') return end;
    const session = equitySession(Math.floor(t / DAY_MS));
    return session ? Math.min(end, session.close) : end;
  }

  async getBars(symbol: string, _cls: AssetClass, tf: Timeframe, from: number, to: number): Promise<Bar[]> {
    const cls = this.classOf(symbol);
    const now = this.now();
    const lo = Math.max(from, Date.UTC(START_YEAR, 0, 1));
    const hi = Math.min(to, now);
    if (hi <= lo) return [];
    if (tf === '1w') throw new ProviderError('synthetic', 'unsupported', '1w is built from 1d by the service');
    if (tf === '1d') {
      const d = this.dailyThrough(symbol, cls, new Date(hi).getUTCFullYear());
      return d.bars.filter((b, i) => b.time >= lo && b.time < hi && (d.closes[i] as number) <= now);
    }
    if (!INTRADAY.includes(tf)) throw new ProviderError('synthetic', 'unsupported', `timeframe ${tf}`);
    const out: Bar[] = [];
    for (let day = Math.floor(lo / DAY_MS); day * DAY_MS < hi; day++) {
      for (const b of this.intradayDay(symbol, cls, tf, day)) {
        if (b.time >= lo && b.time < hi && this.closeTime(cls, tf, b.time) <= now) out.push(b);
      }
    }
    return out;
  }

  /** Close of the latest final 1m bar, at its close time; prev_close = the previous 1d bar's close (§12.1). */
  async getQuote(symbol: string): Promise<ProviderQuote> {
    const cls = this.classOf(symbol);
    const now = this.now();
    for (let day = Math.floor(now / DAY_MS); day > Math.floor(now / DAY_MS) - 10; day--) {
      const bars = this.intradayDay(symbol, cls, '1m', day).filter((b) => this.closeTime(cls, '1m', b.time) <= now);
      const last = bars.at(-1);
      if (!last) continue;
      const daily = this.dailyThrough(symbol, cls, new Date(day * DAY_MS).getUTCFullYear());
      const prev = daily.bars.filter((b) => b.time < day * DAY_MS).at(-1);
      return {
        symbol,
        price: last.close,
        prev_close: prev?.close ?? null,
        open: (bars[0] as Bar).open,
        high: Math.max(...bars.map((b) => b.high)),
        low: Math.min(...bars.map((b) => b.low)),
        volume: bars.reduce((v, b) => v + b.volume, 0),
        ts: this.closeTime(cls, '1m', last.time),
      };
    }
    throw new ProviderError('synthetic', 'not_found', 'no synthetic session in the last 10 days');
  }

  async searchAssets(query: string) {
    const q = query.toUpperCase();
    return registryAssets().filter((a) => a.symbol.includes(q) || a.name.toUpperCase().includes(q));
  }
}
