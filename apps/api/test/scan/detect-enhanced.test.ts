import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helper';

const SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'GOOGL', 'META', 'TSLA', 'SPY', 'QQQ', 'BTC-USD', 'ETH-USD'];

interface Enhanced {
  id: number;
  direction: string;
  confidence: number;
  confidence_pct: number;
  [key: string]: unknown;
}

describe('POST /api/detect-enhanced (synthetic feed)', () => {
  let t: TestApp;
  let symbol = '';
  let found: Enhanced[] = [];
  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });

  beforeAll(async () => {
    t = await buildTestApp({ MARKET_DATA_PROVIDERS: 'synthetic' });
    // Which symbols have a pattern on their latest closed daily bar depends on the day: take the first that does.
    for (const s of SYMBOLS) {
      const res = await post('/api/detect-enhanced', { symbol: s });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      found = res.json().data;
      if (found.length > 0) {
        symbol = s;
        break;
      }
    }
    if (!symbol) throw new Error(`no detection on the latest daily bar of ${SYMBOLS.join(', ')}`);
  }, 120_000);
  afterAll(() => t?.close());

  it('answers an array of detections with every layer beside them, confidence unchanged', async () => {
    const plain = (await post('/api/detect', { symbol })).json().data;
    expect(found.map((d) => d.id).sort()).toEqual(plain.patterns.map((d: { id: number }) => d.id).sort());
    for (const d of found) {
      const same = plain.patterns.find((p: { id: number }) => p.id === d.id);
      expect(d.confidence).toBe(same.confidence);
      expect(d).toMatchObject({
        symbol,
        timeframe: '1d',
        sentiment_score: 0,
        sentiment_available: false,
        exit_signal: null,
        market_context: {
          trend: expect.stringMatching(/^(up|down|sideways)$/),
          rsi14: expect.any(Number),
          atr14: expect.any(Number),
        },
        layers: {
          rule: { available: true, score: d.confidence_pct },
          model: { available: false, score: null },
          sentiment: { available: false, score: null },
        },
      });
      expect((d.keywords as string[]).length).toBeGreaterThan(0);
      const signal = d.entry_signal as { action: string; stop_loss: number; take_profit: number } | null;
      if (signal) expect(signal.action).toBe(d.direction === 'bullish' ? 'BUY' : 'SELL');
    }
  });

  it('multi_timeframe is 100 x agreeing / directional over the 1h and 4h latest bars', async () => {
    const others = [];
    for (const timeframe of ['1h', '4h']) {
      const r = (await post('/api/detect', { symbol, timeframe })).json().data;
      const directions = new Set(r.patterns.map((p: { direction: string }) => p.direction));
      if (directions.size > 0) others.push(directions);
    }
    for (const d of found) {
      const layer = d.layers as { multi_timeframe: { available: boolean; score: number | null } };
      if (others.length === 0) expect(layer.multi_timeframe).toEqual({ available: false, score: null });
      else {
        const agreeing = others.filter((s) => s.has(d.direction)).length;
        expect(layer.multi_timeframe).toEqual({
          available: true,
          score: Math.round((1000 * agreeing) / others.length) / 10,
        });
      }
    }
  });

  it('the alias answers the same; bad input is 4xx with a code', async () => {
    const alias = await post('/api/detect/enhanced', { symbol });
    expect(alias.statusCode).toBe(200);
    expect(alias.json().data.map((d: { id: number }) => d.id)).toEqual(found.map((d) => d.id));
    expect((await post('/api/detect-enhanced', {})).json().error.code).toBe('VALIDATION_ERROR');
    const tf = await post('/api/detect-enhanced', { symbol, timeframe: 'bogus' });
    expect([tf.statusCode, tf.json().error.code]).toEqual([400, 'INVALID_TIMEFRAME']);
    const unknown = await post('/api/detect-enhanced', { symbol: 'ZZZZQ' });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'UNKNOWN_SYMBOL']);
  });
});
