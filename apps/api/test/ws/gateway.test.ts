import { channels } from '@tx/realtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from './client';
import { alertData, jobData, portfolioData } from './fixtures';
import { ORIGIN, sleep, startCluster } from './setup';

let cluster: Awaited<ReturnType<typeof startCluster>>;
let a: string;
let b: string;
beforeAll(async () => {
  cluster = await startCluster(2);
  a = cluster.instances[0].ws;
  b = cluster.instances[1].ws;
});
afterAll(() => cluster.close());

const as = (url: string, user: string) => TestClient.open(`${url}?user_id=${encodeURIComponent(user)}`);

describe('fan-out across instances', () => {
  it('a client on each instance receives the same event with the same seq', async () => {
    const [c1, c2] = await Promise.all([as(a, 'u1'), as(b, 'u2')]);
    for (const c of [c1, c2]) {
      const ack = await c.op({ op: 'subscribe', channels: ['alerts'] });
      expect(ack.data).toMatchObject({ op: 'subscribe', accepted: ['alerts'], rejected: [] });
    }
    const seq = await cluster.publisher.publish(channels.alerts, 'new_alert', alertData(101));
    const got = await Promise.all([c1, c2].map((c) => c.waitFor((m) => m.type === 'new_alert' && m.seq === seq)));
    for (const m of got) {
      expect(m).toMatchObject({ channel: 'alerts', seq, data: { id: 101, metadata: { suggested_action: 'BUY' } } });
      expect(m.ts).toBeGreaterThan(Date.now() - 5000);
    }
    c1.close();
    c2.close();
  });

  it('a pipelined burst of events of any size arrives as separate messages, in order', async () => {
    const c = await as(a, 'burst');
    await c.op({ op: 'subscribe', channels: ['alerts'] });
    // Sent in one pipeline, the events reach the hub in few reads and go out to the socket in batches.
    const sizes = [1, 200, 70_000, 10, 70_000, 5];
    const seqs = await Promise.all(
      sizes.map((n, i) =>
        cluster.publisher.publish(channels.alerts, 'new_alert', { ...alertData(500 + i), explanation: 'x'.repeat(n) }),
      ),
    );
    await c.waitFor((m) => m.seq === seqs[seqs.length - 1]);
    expect(c.events('alerts').map((m) => [m.seq, m.data.id, String(m.data.explanation).length])).toEqual(
      seqs.map((seq, i) => [seq, 500 + i, sizes[i]]),
    );
    c.close();
  });

  it('connection_status describes the session', async () => {
    const c = await as(a, 'status-user');
    expect(c.messages[0]).toMatchObject({
      type: 'connection_status',
      channel: null,
      seq: null,
      data: {
        status: 'connected',
        user_id: 'status-user',
        heartbeat_s: 30,
        limits: { max_payload_bytes: 65536, max_subscriptions: 50 },
      },
    });
    c.close();
  });
});

describe('per-user channels', () => {
  it('portfolio resolves to the caller and never reaches another user', async () => {
    const [ua, ub] = await Promise.all([as(a, 'alice'), as(b, 'bob')]);
    await ua.op({ op: 'subscribe', channels: ['portfolio'] });
    await ub.op({ op: 'subscribe', channels: ['portfolio'] });
    await cluster.publisher.publish(channels.portfolio('bob'), 'portfolio_update', portfolioData());
    const got = await ub.waitFor((m) => m.type === 'portfolio_update');
    expect(got).toMatchObject({ channel: 'portfolio', seq: 1 });
    await cluster.publisher.publish(channels.portfolio('alice'), 'portfolio_update', portfolioData());
    await ua.waitFor((m) => m.type === 'portfolio_update');
    await sleep(100);
    expect(ua.events('portfolio')).toHaveLength(1);
    expect(ub.events('portfolio')).toHaveLength(1);
    ua.close();
    ub.close();
  });

  it('a job stream is readable by its owner only; foreign and unknown ids look the same', async () => {
    await cluster.publisher.publish(channels.job('bob', 'job-77'), 'job_progress', jobData('job-77', 'queued', 0));
    const [ua, ub] = await Promise.all([as(a, 'alice'), as(a, 'bob')]);
    const refused = await ua.op({ op: 'subscribe', channels: ['jobs:job-77', 'jobs:nope'] });
    expect(refused.data).toMatchObject({
      accepted: [],
      rejected: [
        { channel: 'jobs:job-77', code: 'FORBIDDEN_CHANNEL' },
        { channel: 'jobs:nope', code: 'FORBIDDEN_CHANNEL' },
      ],
    });
    expect(ua.messages.filter((m) => m.type === 'error').map((m) => m.data.code)).toEqual([
      'FORBIDDEN_CHANNEL',
      'FORBIDDEN_CHANNEL',
    ]);
    const ok = await ub.op({ op: 'subscribe', channels: ['jobs:job-77'] });
    expect(ok.data.accepted).toEqual(['jobs:job-77']);
    await cluster.publisher.publish(channels.job('bob', 'job-77'), 'job_progress', jobData('job-77', 'active', 40));
    const m = await ub.waitFor((x) => x.type === 'job_progress');
    expect(m).toMatchObject({ channel: 'jobs:job-77', seq: 2, data: { progress: 40 } });
    await sleep(100);
    expect(ua.messages.some((x) => x.type === 'job_progress')).toBe(false);
    ua.close();
    ub.close();
  });
});

describe('resume', () => {
  it('replays the 10 events missed while disconnected, in order, then continues live without duplicates', async () => {
    const c = await as(a, 'r1');
    await c.op({ op: 'subscribe', channels: ['scans'] });
    const first = await cluster.publisher.publish(channels.scans, 'market_scan_update', scanData());
    await c.waitFor((m) => m.seq === first);
    c.close();
    await c.waitClosed();
    for (let i = 0; i < 10; i++) await cluster.publisher.publish(channels.scans, 'market_scan_update', scanData());

    const back = await as(b, 'r1');
    const ack = await back.op({ op: 'resume', lastSeq: { scans: first } });
    expect(ack.data).toMatchObject({ op: 'resume', accepted: ['scans'], replayed: { scans: 10 } });
    expect(back.events('scans').map((m) => m.seq)).toEqual(Array.from({ length: 10 }, (_, i) => first + 1 + i));
    const next = await cluster.publisher.publish(channels.scans, 'market_scan_update', scanData());
    await back.waitFor((m) => m.seq === next);
    expect(back.events('scans').map((m) => m.seq)).toEqual(Array.from({ length: 11 }, (_, i) => first + 1 + i));
    back.close();
  });

  it('a resume racing live publishes loses nothing and repeats nothing', async () => {
    const ch = channels.patterns('NVDA');
    const base = await cluster.publisher.publish(ch, 'pattern_alert', patternAlert());
    const c = await as(a, 'racer');
    const publishing = (async () => {
      for (let i = 0; i < 30; i++) await cluster.publisher.publish(ch, 'pattern_alert', patternAlert());
    })();
    await c.op({ op: 'resume', lastSeq: { 'patterns:nvda': base - 1 } });
    await publishing;
    await c.waitFor((m) => m.seq === base + 30);
    expect(c.events('patterns:NVDA').map((m) => m.seq)).toEqual(Array.from({ length: 31 }, (_, i) => base + i));
    c.close();
  });

  it('beyond the buffer the client gets resync gap_too_old and live delivery continues', async () => {
    const ch = channels.prices('TSLA'); // price buffers hold 100 messages
    for (let i = 0; i < 150; i++) await cluster.publisher.publish(ch, 'price_update', quote('TSLA', i));
    const c = await as(a, 'late');
    const ack = await c.op({ op: 'resume', lastSeq: { 'prices:TSLA': 10 } });
    expect(ack.data).toMatchObject({ accepted: ['prices:TSLA'], replayed: { 'prices:TSLA': 0 } });
    const resync = c.messages.find((m) => m.type === 'resync');
    expect(resync).toMatchObject({
      channel: 'prices:TSLA',
      seq: null,
      data: { last_seq: 10, oldest_seq: 51, latest_seq: 150, reason: 'gap_too_old', refetch: '/api/market/TSLA' },
    });
    await cluster.publisher.publish(ch, 'price_update', quote('TSLA', 151));
    const live = await c.waitFor((m) => m.type === 'price_update');
    expect(live.seq).toBe(151);
    c.close();
  });

  it('a lastSeq above the channel head is a stream reset', async () => {
    const c = await as(b, 'reset');
    await c.op({ op: 'resume', lastSeq: { system: 500 } });
    expect(c.messages.find((m) => m.type === 'resync')).toMatchObject({
      channel: 'system',
      data: { reason: 'stream_reset', last_seq: 500, latest_seq: 0 },
    });
    c.close();
  });
});

describe('bad frames', () => {
  it('invalid JSON, unknown ops and malformed channels get errors; the socket stays open', async () => {
    const c = await as(a, 'bad');
    c.send('{nope');
    expect((await c.waitFor((m) => m.type === 'error')).data).toMatchObject({ code: 'INVALID_JSON' });
    c.send({ op: 'dance', id: 'x1' });
    expect((await c.waitFor((m) => m.data.id === 'x1')).data).toMatchObject({ code: 'UNKNOWN_OP', id: 'x1' });
    const ack = await c.op({ op: 'subscribe', channels: ['prices:', 'weird', 42, 'alerts'] });
    expect(ack.data.accepted).toEqual(['alerts']);
    expect(ack.data.rejected?.map((r) => r.code)).toEqual(['INVALID_CHANNEL', 'INVALID_CHANNEL', 'INVALID_CHANNEL']);
    expect((await c.op({ op: 'ping' })).data).toMatchObject({ op: 'ping' });
    expect(c.closed).toBeNull();
    c.close();
  });

  it('symbol aliases in channel names resolve to canonical symbols', async () => {
    const c = await as(a, 'alias');
    const ack = await c.op({ op: 'subscribe', channels: ['prices:btc', 'patterns:brk-b', 'prices:EUR/USD'] });
    expect(ack.data.accepted).toEqual(['prices:BTC-USD', 'patterns:BRK.B', 'prices:EURUSD']);
    await cluster.publisher.publish(channels.prices('BTC-USD'), 'price_update', quote('BTC-USD', 1));
    expect((await c.waitFor((m) => m.type === 'price_update')).channel).toBe('prices:BTC-USD');
    c.close();
  });

  it('more than 50 subscriptions are refused with SUBSCRIPTION_LIMIT', async () => {
    const c = await as(a, 'many');
    const names = Array.from({ length: 51 }, (_, i) => `prices:S${i}`);
    const ack = await c.op({ op: 'subscribe', channels: names });
    expect(ack.data.accepted).toHaveLength(50);
    expect(ack.data.rejected).toEqual([{ channel: 'prices:S50', code: 'SUBSCRIPTION_LIMIT' }]);
    c.close();
  });

  it('an oversized message closes with 1009 and the server keeps serving', async () => {
    const c = await as(a, 'big');
    c.send(JSON.stringify({ op: 'ping', pad: 'x'.repeat(70 * 1024) }));
    expect((await c.waitClosed()).code).toBe(1009);
    const again = await as(a, 'big');
    expect((await again.op({ op: 'ping' })).data.op).toBe('ping');
    again.close();
  });

  it('ten errors within a minute close with 1008', async () => {
    const c = await as(b, 'noisy');
    for (let i = 0; i < 10; i++) c.send('not json');
    expect((await c.waitClosed()).code).toBe(1008);
  });
});

describe('upgrade checks', () => {
  it('refuses a foreign Origin with 403 and accepts an allowed one', async () => {
    await expect(TestClient.open(a, { origin: 'https://evil.example' })).rejects.toMatchObject({ status: 403 });
    const ok = await TestClient.open(a, { origin: ORIGIN });
    ok.close();
  });

  it('tickets are single use, bound to their user, and expire', async () => {
    const http = cluster.instances[0].http;
    const issue = async (user: string) => {
      const res = await fetch(`${http}/api/ws/ticket`, { method: 'POST', headers: { 'x-user-id': user } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { data: { ticket: string; expires_in_s: number; url: string } }).data;
    };
    const t = await issue('carol');
    expect(t.expires_in_s).toBe(30);
    expect(t.ticket).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    const c = await TestClient.open(`${b}?ticket=${t.ticket}&user_id=mallory`);
    expect(c.messages[0].data.user_id).toBe('carol');
    c.close();
    const reuse = await TestClient.open(`${a}?ticket=${t.ticket}`).catch((e) => e);
    expect(reuse).toMatchObject({ status: 401 });
    expect(JSON.parse(reuse.body)).toMatchObject({ success: false, error: { code: 'UNAUTHENTICATED' } });

    const t2 = await issue('carol');
    const redis = cluster.instances[0].deps.redis;
    for (const key of await redis.keys(`${cluster.prefix}:wsticket:*`)) await redis.pexpire(key, 1);
    await sleep(20);
    await expect(TestClient.open(`${a}?ticket=${t2.ticket}`)).rejects.toMatchObject({ status: 401 });
    await expect(TestClient.open(`${a}?ticket=forged`)).rejects.toMatchObject({ status: 401 });
  });

  it('caps connections per user at 5', async () => {
    const open = await Promise.all(Array.from({ length: 5 }, () => as(a, 'greedy')));
    await expect(as(a, 'greedy')).rejects.toMatchObject({ status: 429 });
    for (const c of open) c.close();
  });
});

describe('operations', () => {
  it('health and metrics report the gateway', async () => {
    const c = await as(a, 'ops');
    await c.op({ op: 'subscribe', channels: ['alerts', 'system'] });
    const health = (await (await fetch(`${cluster.instances[0].http}/health/detailed`)).json()) as {
      components: { websocket: { connections: number; subscriptions: number } };
    };
    expect(health.components.websocket.connections).toBeGreaterThanOrEqual(1);
    expect(health.components.websocket.subscriptions).toBeGreaterThanOrEqual(2);
    const metrics = await (await fetch(`${cluster.instances[0].http}/metrics`)).text();
    expect(metrics).toMatch(/tx_ws_connections \d+/);
    expect(metrics).toMatch(/tx_ws_messages_sent_total\{type="new_alert"\} \d+/);
    expect(metrics).toContain('tx_ws_fanout_latency_seconds_bucket');
    c.close();
  });

  it('shutdown says so, then closes every socket with 1001', async () => {
    const c = await as(b, 'leaving');
    await cluster.instances[1].close();
    expect((await c.waitClosed()).code).toBe(1001);
    expect(c.messages.some((m) => m.type === 'connection_status' && m.data.status === 'shutting_down')).toBe(true);
  });
});

function scanData() {
  return { scan_id: 's1', movers: [quote('AAPL', 1)], timestamp: new Date().toISOString() };
}

function quote(symbol: string, price: number) {
  return { symbol, price, change: 0, change_percent: 0, volume: 0 };
}

function patternAlert() {
  return {
    symbol: 'NVDA',
    alert_type: 'Hammer',
    confidence: 0.6,
    confidence_pct: 60,
    price: 120,
    timestamp: new Date().toISOString(),
    source: 'scan',
    explanation: 'x',
    interval: '1d',
    period: '3mo',
  };
}

describe('subscriber outage', () => {
  it('events published while the instance lost its Redis subscription are delivered, in order', async () => {
    const inst = cluster.instances[0];
    const c = await as(a, 'outage');
    await c.op({ op: 'subscribe', channels: ['system'] });
    const first = await cluster.publisher.publish(channels.system, 'system_status', systemData());
    await c.waitFor((m) => m.seq === first);
    const list = (await inst.deps.redis.client('LIST')) as string;
    const line = list
      .split('\n')
      .find((l) => l.includes(`name=${cluster.prefix}:ws-hub`) && l.includes('cmd=psubscribe'));
    const id = /id=(\d+)/.exec(line ?? '')?.[1];
    expect(id).toBeDefined();
    await inst.deps.redis.client('KILL', 'ID', id!);
    for (let i = 0; i < 5; i++) await cluster.publisher.publish(channels.system, 'system_status', systemData());
    await c.waitFor((m) => m.seq === first + 5, 5000);
    const after = await cluster.publisher.publish(channels.system, 'system_status', systemData());
    await c.waitFor((m) => m.seq === after, 5000);
    expect(c.events('system').map((m) => m.seq)).toEqual(Array.from({ length: 7 }, (_, i) => first + i));
    c.close();
  });
});

function systemData() {
  return { scanner: { enabled: true, last_cycle_at: null }, maintenance: false, message: null };
}
