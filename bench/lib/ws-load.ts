/**
 * Load generator for bench/suites/ws.ts, run as child processes so that the relay under test keeps its own core:
 * `clients` children hold WebSocket clients and measure delivery latency (publish `ts` to receipt), order and counts
 * per phase; one `publisher` child publishes paced events on Redis. The parent drives phases over IPC. Both sides
 * read the same clock, `Date.now()`: the publisher stamps `ts` with it, receipt is measured with it.
 */
import { Redis } from 'ioredis';
import { createPublisher } from '../../packages/realtime/src/publisher';
import { type FrameSocket, openFrameSocket } from './ws-frames';

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
  /** Latency histogram, 1 ms buckets (`ts` has millisecond resolution); sent only with the final report. */
  hist: number[] | null;
  /** CPU time this child used since the phase started, µs. */
  cpuUs: number;
}

export type ParentMessage =
  | { start: true }
  | { report: { final: boolean } }
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

// Latency histogram in 1 ms steps up to 10 s; everything above lands in the last bucket.
const BUCKETS = 10_000;
let hist = new Uint32Array(BUCKETS + 1);
let received = 0;
let outOfOrder = 0;
let maxLatency = 0;
let lastReceipt = 0;
let closedClients = 0;
let cpuAtStart = process.cpuUsage();
const lastSeq: number[] = [];

/** Reads the integer after `key` in the frame head without decoding the frame (the client loop is the hot path). */
function intAfter(data: Buffer, key: Buffer, start: number, end: number): number {
  const at = data.indexOf(key, start);
  if (at < 0 || at - start > 96 || at >= end) return Number.NaN;
  let n = 0;
  for (let p = at + key.length; p < end; p++) {
    const c = data[p];
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
  }
  return n;
}
const SEQ = Buffer.from('"seq":');
const TS = Buffer.from('"ts":');

function onFrame(i: number, data: Buffer, start: number, end: number) {
  const now = Date.now();
  const seq = intAfter(data, SEQ, start, end);
  const ts = intAfter(data, TS, start, end);
  if (!(seq > 0) || !(ts > 0)) return; // control messages carry "seq":null
  if (seq !== lastSeq[i] + 1 && lastSeq[i] !== 0) {
    outOfOrder += 1;
    if (process.env.WS_BENCH_DEBUG) process.stderr.write(`client ${i}: seq ${seq} after ${lastSeq[i]}\n`);
  }
  lastSeq[i] = seq;
  const ms = Math.max(0, now - ts);
  hist[Math.min(BUCKETS, ms)] += 1;
  if (ms > maxLatency) maxLatency = ms;
  received += 1;
  lastReceipt = now;
}

/** Connects client `i`; for the gateway, resolves once it is subscribed to `alerts`. */
async function connect(i: number): Promise<FrameSocket> {
  const url = cfg.kind === 'tx' ? `${cfg.url}?user_id=bench-${cfg.first + i}` : cfg.url;
  let subscribed = cfg.kind === 'bare';
  let acked = () => {};
  const ack = new Promise<void>((resolve) => {
    acked = resolve;
  });
  const socket = await openFrameSocket(url, (s, buf, start, end) => {
    if (subscribed) return onFrame(i, buf, start, end);
    const head = buf.toString('latin1', start, Math.min(end, start + 40));
    if (head.startsWith('{"type":"connection_status"')) s.sendText('{"op":"subscribe","channels":["alerts"]}');
    if (head.startsWith('{"type":"ack"')) {
      subscribed = true;
      acked();
    }
  });
  socket.socket.on('error', () => {});
  socket.socket.once('close', () => {
    closedClients += 1;
  });
  if (!subscribed) await ack;
  return socket;
}

let closedBefore = 0;

async function runClients() {
  const sockets: FrameSocket[] = [];
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
      cpuAtStart = process.cpuUsage();
    } else if ('report' in m) {
      const cpu = process.cpuUsage(cpuAtStart);
      const counts: PhaseCounts = {
        received,
        outOfOrder,
        closed: closedClients - closedBefore,
        maxMs: maxLatency,
        lastReceipt,
        hist: m.report.final ? Array.from(hist) : null,
        cpuUs: cpu.user + cpu.system,
      };
      process.send?.({ counts });
    } else if ('stop' in m) {
      for (const s of sockets) s.socket.destroy();
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
    const t0 = Date.now();
    let published = 0;
    const pending: Promise<unknown>[] = [];
    await new Promise<void>((done) => {
      const timer = setInterval(() => {
        const due = Math.min(total, Math.floor(((Date.now() - t0) / 1000) * rate));
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
