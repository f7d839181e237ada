import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { equitySession } from '../src/calendar';
import { initialPrice, rngFor, SyntheticProvider } from '../src/providers/synthetic';

const D = (iso: string) => Date.parse(iso);
const NOW = D('2026-11-25T15:00:00Z');
const iso = (t: number) => new Date(t).toISOString();

/** The textbook sfc32 (PractRand), to check ours draw for draw. */
function referenceSfc32(label: string) {
  const h = createHash('sha256').update(label).digest();
  let [a, b, c, d] = [0, 4, 8, 12].map((o) => h.readUInt32LE(o)) as [number, number, number, number];
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = ((c << 21) | (c >>> 11)) + t;
    c |= 0;
    return ((t >>> 0) + 0.5) / 2 ** 32;
  };
}

describe('synthetic generator (domain §12.3)', () => {
  it('uses sfc32 seeded by SHA-256("{seed}|{symbol}|{timeframe}|{chunk}")', () => {
    const ours = rngFor('42|AAPL|1d|2015');
    const ref = referenceSfc32('42|AAPL|1d|2015');
    for (let i = 0; i < 100; i++) expect(ours()).toBe(ref());
  });

  it("reproduces the first 2015 bar of AAPL from the spec's formulas and draw order", async () => {
    const u = referenceSfc32('42|AAPL|1d|2015');
    const normal = () => {
      const u1 = u();
      const u2 = u();
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    };
    const [uRegime, z, zGap, zHigh, zLow, zVol] = [u(), normal(), normal(), normal(), normal(), normal()];
    const dt = 1 / 252;
    const turbulent = uRegime < 0.02; // calm → turbulent with 1 - (1 - 0.02)^1
    const g = 0.02 + 0.08 * 1 * 1 + 0.9 * 1; // g_0 = 1, z_{-1}² = 1 (unit mean start)
    const sigma = 0.25 * (turbulent ? 2 : 1) * Math.sqrt(g);
    const mu = turbulent ? -0.1 : 0.08;
    const p0 = initialPrice('AAPL', 'equity');
    const close = p0 * Math.exp((mu - sigma ** 2 / 2) * dt + sigma * Math.sqrt(dt) * z);
    const open = p0 * Math.exp(0.1 * sigma * Math.sqrt(dt) * zGap);
    const high = Math.max(open, close) * Math.exp(0.5 * sigma * Math.sqrt(dt) * Math.abs(zHigh));
    const low = Math.min(open, close) * Math.exp(-0.5 * sigma * Math.sqrt(dt) * Math.abs(zLow));
    const volume = 5_000_000 * Math.exp(0.5 * zVol) * (1 + 0.25 * Math.abs(z));
    const r2 = (x: number) => Math.round(x * 100) / 100;

    const [first] = await new SyntheticProvider(42, () => NOW).getBars(
      'AAPL',
      'equity',
      '1d',
      D('2015-01-01'),
      D('2015-01-03'),
    );
    expect(iso(first?.time ?? 0)).toBe('2015-01-02T00:00:00.000Z'); // Jan 1 is a holiday
    expect(first).toEqual({
      time: D('2015-01-02'),
      open: r2(open),
      close: r2(close),
      high: Math.max(r2(high), r2(open), r2(close)),
      low: Math.min(r2(low), r2(open), r2(close)),
      volume: Math.round(volume),
    });
  });

  it('is deterministic per (symbol, seed) and independent of the requested range', async () => {
    const a = new SyntheticProvider(42, () => NOW);
    const b = new SyntheticProvider(42, () => NOW);
    const whole = await a.getBars('MSFT', 'equity', '1d', D('2015-01-01'), NOW);
    const part = await b.getBars('MSFT', 'equity', '1d', D('2020-03-01'), D('2020-04-01'));
    expect(part.length).toBeGreaterThan(15);
    expect(whole.filter((x) => x.time >= D('2020-03-01') && x.time < D('2020-04-01'))).toEqual(part);
    const other = await new SyntheticProvider(7, () => NOW).getBars(
      'MSFT',
      'equity',
      '1d',
      D('2020-03-01'),
      D('2020-04-01'),
    );
    expect(other.map((x) => x.close)).not.toEqual(part.map((x) => x.close));
    const hours1 = await a.getBars('ETH-USD', 'crypto', '1h', D('2024-05-01'), D('2024-05-03'));
    const hours2 = await b.getBars('ETH-USD', 'crypto', '1h', D('2024-05-02'), D('2024-05-03'));
    expect(hours1.slice(24)).toEqual(hours2);
  });

  it('produces valid bars on the tick, equities on exchange days only, FX Monday–Friday', async () => {
    const p = new SyntheticProvider(42, () => NOW);
    const eq = await p.getBars('AAPL', 'equity', '1d', D('2024-01-01'), D('2025-01-01'));
    const days = new Set(eq.map((x) => iso(x.time).slice(0, 10)));
    expect(days.has('2024-07-04')).toBe(false);
    expect(days.has('2024-11-28')).toBe(false); // Thanksgiving
    expect(days.has('2024-11-29')).toBe(true); // half day
    expect(days.has('2024-03-29')).toBe(false); // Good Friday
    expect(eq).toHaveLength(252);
    for (const x of eq) {
      expect(x.low).toBeLessThanOrEqual(Math.min(x.open, x.close));
      expect(x.high).toBeGreaterThanOrEqual(Math.max(x.open, x.close));
      expect(Math.round(x.close * 100) / 100).toBe(x.close);
      expect(Number.isInteger(x.volume)).toBe(true);
    }
    const fx = await p.getBars('USDJPY', 'forex', '1d', D('2024-01-01'), D('2024-02-01'));
    expect(fx.every((x) => [1, 2, 3, 4, 5].includes(new Date(x.time).getUTCDay()))).toBe(true);
    expect(fx.every((x) => Math.round(x.close * 1000) / 1000 === x.close)).toBe(true);
  });

  it('keeps equity intraday bars inside regular hours (partial 09:30 bucket), final bars only', async () => {
    const p = new SyntheticProvider(42, () => D('2024-07-02T17:10:00Z'));
    const winter = await p.getBars('AAPL', 'equity', '1h', D('2024-01-02'), D('2024-01-03'));
    expect(winter.map((x) => iso(x.time).slice(11, 13))).toEqual(['14', '15', '16', '17', '18', '19', '20']);
    const summer = await p.getBars('AAPL', 'equity', '1h', D('2024-07-02'), D('2024-07-03'));
    expect(summer.map((x) => iso(x.time).slice(11, 13))).toEqual(['13', '14', '15', '16']); // 17:00 bar still forming
    expect(equitySession(Math.floor(D('2024-07-03') / 86_400_000))?.close).toBe(D('2024-07-03T17:00:00Z')); // half day
  });

  it('quotes the close of the latest final 1m bar at its close time; unknown symbols are not found', async () => {
    const t = D('2024-07-02T17:10:30Z');
    const p = new SyntheticProvider(42, () => t);
    const q = await p.getQuote('AAPL');
    expect(q.ts).toBe(D('2024-07-02T17:10:00Z'));
    const bars = await p.getBars('AAPL', 'equity', '1m', D('2024-07-02'), t);
    expect(q.price).toBe(bars.at(-1)?.close);
    const daily = await p.getBars('AAPL', 'equity', '1d', D('2024-06-28'), D('2024-07-02'));
    expect(q.prev_close).toBe(daily.at(-1)?.close);
    await expect(p.getBars('ZZZZ', 'equity', '1d', 0, t)).rejects.toMatchObject({ kind: 'not_found' });
  });
});
