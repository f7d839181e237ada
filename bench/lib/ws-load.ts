/**
 * Load generator for bench/suites/ws.ts, run as child processes so that the relay under test keeps its own core:
 * `clients` children hold WebSocket clients and measure delivery latency (publish `ts` to receipt), order and counts
 * per phase; one `publisher` child publishes paced events on Redis. The parent drives phases over IPC.
 */
import { Redis } from 'ioredis';
import { WebSocket } from 'ws';
import { createPublisher } from '../../packages/realtime/src/publisher';

export interface LoadConfig {
  role: 'clients' | 'publisher';
  kind: 'tx' | 'bare';
  url: string;
  redisUrl: string;
  prefix: string;
  /** Client ids [first, first + clients) live in this child. */
  first: number;
  clients: number;
}

/** What one clients child saw during one phase. */
export interface PhaseCounts {
  received: number;
  outOfOrder: number;
  closed: number;
  maxMs: number;
  lastReceipt: number;
  /** Latency histogram, 0.1 ms buckets. */
  hist: number[];
}

export type ParentMessage =
  | { start: true }
  | { report: true }
  | { publish: { rate: number; seconds: number } }
  | { stop: true };

const cfg = JSON.parse(process.argv[2]) as LoadConfig;
const alert = (id: number) => {
  const ts = new Date().toISOString();
  return {
    id,
    symbol: 'AAPL',
    alert_type: 'Bullish Engulfing',
    pattern: 'Bullish Engulfing',
    pattern_id: 'cdl_engulfing',
    message: 'Bullish Engulfing on AAPL (1d) at 190.50',
    confidence: 0.72,
    confidence_pct: 72,
    price: 190.5,
    timestamp: ts,
    time: ts,
    explanation: 'A bullish body fully engulfs the prior bearish body after a decline.',
    action: 'BUY',
    status: 'active',
    is_active: true,
    entryPrice: 190.5,
    stopLoss: 186.2,
    takeProfit: 199.1,
    riskReward: '1:2.0',
    metadata: {
      suggested_action: 'BUY',
      explanation: 'A bullish body fully engulfs the prior bearish body after a decline.',
      timeframe: '1d',
      timestamp_eat: ts,
      confidence_pct: 72,
      risk_suggestions: { entry: 190.5, stop_loss: 186.2, take_profit: 199.1, rr: 2 },
      quality_badge: 'HIGH',
    },
  };
};

// Latency histogram in 0.1 ms steps up to 10 s; everything above lands in the last bucket.
const BUCKETS = 100_000;
let hist = new Uint32Array(BUCKETS + 1);
let received = 0;
let outOfOrder = 0;
let maxLatency = 0;
let lastReceipt = 0;
let closedClients = 0;
const lastSeq: number[] = [];

/** Reads the integer after `key` in the frame head without decoding the frame (the client loop is the hot path). */
function intAfter(data: Buffer, key: Buffer): number {
  const at = data.indexOf(key);
  if (at < 0 || at > 96) return Number.NaN;
  let n = 0;
  for (let p = at + key.length; p < data.length; p++) {
    const c = data[p];
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
  }
  return n;
}
const SEQ = Buffer.from('"seq":');
const TS = Buffer.from('"ts":');

function onFrame(i: number, data: Buffer) {
  const now = performance.timeOrigin + performance.now();
  const seq = intAfter(data, SEQ);
  const ts = intAfter(data, TS);
  if (!(seq > 0) || !(ts > 0)) return; // control messages carry "seq":null
  if (seq !== lastSeq[i] + 1 && lastSeq[i] !== 0) {
    outOfOrder += 1;
    if (process.env.WS_BENCH_DEBUG) process.stderr.write(`client ${i}: seq ${seq} after ${lastSeq[i]}\n`);
  }
  lastSeq[i] = seq;
  const ms = Math.max(0, now - ts);
  hist[Math.min(BUCKETS, Math.round(ms * 10))] += 1;
  if (ms > maxLatency) maxLatency = ms;
  received += 1;
  lastReceipt = now;
}

function connect(i: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const url = cfg.kind === 'tx' ? `${cfg.url}?user_id=bench-${cfg.first + i}` : cfg.url;
    const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
    ws.once('error', reject);
    ws.once('close', () => {
      closedClients += 1;
    });
    if (cfg.kind === 'bare') {
      ws.once('open', () => resolve(ws));
      ws.on('message', (d) => onFrame(i, d as Buffer));
      return;
    }
    ws.on('message', (d) => {
      const text = (d as Buffer).toString('latin1', 0, 40);
      if (text.startsWith('{"type":"connection_status"')) ws.send('{"op":"subscribe","channels":["alerts"]}');
      if (!text.startsWith('{"type":"ack"')) return;
      // Subscribed: from here on only events arrive, read by the lean handler.
      ws.removeAllListeners('message');
      ws.on('message', (f) => onFrame(i, f as Buffer));
      resolve(ws);
    });
  });
}

let closedBefore = 0;

async function runClients() {
  const sockets: WebSocket[] = [];
  for (let start = 0; start < cfg.clients; start += 100) {
    const batch = Array.from({ length: Math.min(100, cfg.clients - start) }, (_, k) => start + k);
    sockets.push(...(await Promise.all(batch.map((i) => connect(i)))));
  }
  for (let i = 0; i < cfg.clients; i++) lastSeq[i] = 0;
  process.on('message', (m: ParentMessage) => {
    if ('start' in m) {
      hist = new Uint32Array(BUCKETS + 1);
      received = 0;
      outOfOrder = 0;
      maxLatency = 0;
      closedBefore = closedClients;
    } else if ('report' in m) {
      const counts: PhaseCounts = {
        received,
        outOfOrder,
        closed: closedClients - closedBefore,
        maxMs: maxLatency,
        lastReceipt,
        hist: Array.from(hist),
      };
      process.send?.({ counts });
    } else if ('stop' in m) {
      for (const ws of sockets) ws.terminate();
      process.exit(0);
    }
  });
  process.send?.({ ready: true });
}

async function runPublisher() {
  const redis = new Redis(cfg.redisUrl);
  await redis.ping(); // connected before the first publish: the bare relay's seq is assigned here, in call order
  const publisher = createPublisher(redis, cfg.prefix);
  let seq = 0;
  let id = 0;
  const publish = () => {
    id += 1;
    if (cfg.kind === 'tx') return publisher.publish('alerts', 'new_alert', alert(id));
    seq += 1;
    const frame = `{"type":"new_alert","channel":"alerts","seq":${seq},"ts":${Date.now()},"data":${JSON.stringify(alert(id))}}`;
    return redis.publish(`${cfg.prefix}:bare:alerts`, frame);
  };
  process.on('message', async (m: ParentMessage) => {
    if ('stop' in m) {
      redis.disconnect();
      process.exit(0);
    }
    if (!('publish' in m)) return;
    const { rate, seconds } = m.publish;
    const total = Math.round(rate * seconds);
    const t0 = performance.timeOrigin + performance.now();
    let published = 0;
    const pending: Promise<unknown>[] = [];
    await new Promise<void>((done) => {
      const timer = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.timeOrigin + performance.now() - t0) / 1000) * rate));
        for (; published < due; published++) pending.push(publish());
        if (published >= total) {
          clearInterval(timer);
          done();
        }
      }, 5);
    });
    await Promise.all(pending);
    process.send?.({ published: total, t0 });
  });
  process.send?.({ ready: true });
}

(cfg.role === 'clients' ? runClients() : runPublisher()).catch((err) => {
  process.send?.({ error: String(err?.stack ?? err) });
  process.exit(1);
});
