import { readFileSync } from 'node:fs';
import { ScanCycleJob } from '@tx/contracts';
import { scans } from '@tx/db';
import { enqueue } from '@tx/queue';
import { testConfig } from '@tx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWorkerDeps, createWorkerDeps, type WorkerDeps } from '../../../worker/src/deps';
import { HANDLERS } from '../../../worker/src/handlers';
import { buildRegistry } from '../../../worker/src/registry';
import { startWorkers } from '../../../worker/src/runtime';
import { buildTestApp, type TestApp } from '../helper';

const DIR = '/work/shared/data/daily';
const ENV = { MARKET_DATA_PROVIDERS: 'csv', MARKET_DATA_CSV_DIR: DIR };
const SYMBOLS = ['AAPL', 'IBM', 'SPY'];

interface Row {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
}

/** An independent reading of the CSV and of ATR(14) (Wilder), written apart from the domain code. */
function readCsv(symbol: string): Row[] {
  return readFileSync(`${DIR}/${symbol}.csv`, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [d, o, h, l, c] = line.split(',');
      return { t: Date.parse(`${d}T00:00:00Z`), o: +o, h: +h, l: +l, c: +c };
    });
}

function atr14(rows: Row[]): number[] {
  const out: number[] = new Array(rows.length).fill(Number.NaN);
  const tr = rows.map((r, i) =>
    i === 0 ? r.h - r.l : Math.max(r.h - r.l, Math.abs(r.h - rows[i - 1].c), Math.abs(r.l - rows[i - 1].c)),
  );
  let sum = 0;
  for (let i = 1; i <= 14; i++) sum += tr[i];
  out[14] = sum / 14;
  for (let i = 15; i < rows.length; i++) out[i] = (out[i - 1] * 13 + tr[i]) / 14;
  return out;
}

/** win / loss / timeout by the tb-1 rules, from the raw rows. */
function outcome(rows: Row[], atr: number[], tc: number, d: 1 | -1): 'win' | 'loss' | 'timeout' | null {
  if (tc + 10 >= rows.length) return null;
  const a = atr[tc];
  const e = rows[tc + 1].o;
  for (let b = tc + 1; b <= tc + 10; b++) {
    const { h, l } = rows[b];
    if (d === 1 ? l <= e - a : h >= e + a) return 'loss';
    if (d === 1 ? h >= e + 2 * a : l <= e - 2 * a) return 'win';
  }
  return 'timeout';
}

describe('csv provider: hit rates recomputable by hand', () => {
  let t: TestApp;
  let worker: WorkerDeps;
  let running: Awaited<ReturnType<typeof startWorkers>>;

  beforeAll(async () => {
    t = await buildTestApp(ENV);
    worker = createWorkerDeps(testConfig(ENV), { schema: t.db.schema, keyPrefix: t.deps.keyPrefix });
    await scans.getScanConfig(t.db.sql, {
      enabled: true,
      symbols: SYMBOLS,
      interval_s: 300,
      timeframes: ['1d'],
      alert_threshold: 0.4,
    });
    running = await startWorkers(worker, buildRegistry(HANDLERS), ['scan']);
    await enqueue(worker.queues, ScanCycleJob, { v: 1, scope: 'global' }, { jobId: 'csv' });
    for (let i = 0; i < 1200; i++) {
      const [row] = await t.db.sql`select finished_at from scans where scan_key = 'global~-~csv'`;
      if (row?.finished_at) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 180_000);
  afterAll(async () => {
    await running?.close();
    await closeWorkerDeps(worker);
    await t?.close();
  });

  it('per-pattern hit rates equal wins / n recomputed from the bars', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/pattern-performance?window=all&symbol=AAPL' });
    expect(res.statusCode).toBe(200);
    const perf = res.json().data as { by_pattern: { pattern_key: string; n: number; hit_rate: number | null }[] };
    const rows = readCsv('AAPL');
    const atr = atr14(rows);
    const index = new Map(rows.map((r, i) => [r.t, i]));
    const dets = await t.db.sql<{ pattern_key: string; bar_time: Date; direction: 1 | -1 }[]>`
      select pattern_key, bar_time, direction from detections where symbol = 'AAPL'`;
    const tally = new Map<string, { wins: number; n: number }>();
    for (const d of dets) {
      const o = outcome(rows, atr, index.get(d.bar_time.getTime()) as number, d.direction);
      if (o === null) continue;
      const s = tally.get(d.pattern_key) ?? { wins: 0, n: 0 };
      s.n += 1;
      if (o === 'win') s.wins += 1;
      tally.set(d.pattern_key, s);
    }
    const checked = perf.by_pattern.filter((c) => c.n >= 5).slice(0, 6);
    expect(checked.length).toBeGreaterThanOrEqual(3);
    for (const c of checked) {
      const mine = tally.get(c.pattern_key);
      expect(mine?.n, c.pattern_key).toBe(c.n);
      expect(c.hit_rate).toBeCloseTo((100 * (mine?.wins ?? 0)) / (mine?.n ?? 1), 2);
    }
  });
});
