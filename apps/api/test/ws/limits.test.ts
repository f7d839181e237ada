import type { Socket } from 'node:net';
import { channels } from '@tx/realtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, HS_ENV, userToken } from '../security/tokens';
import { TestClient } from './client';
import { alertData } from './fixtures';
import { sleep, startCluster } from './setup';

describe('heartbeat and message rate', () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let url: string;
  beforeAll(async () => {
    cluster = await startCluster(1, { WS_HEARTBEAT_MS: '500' });
    url = cluster.instances[0].ws;
  });
  afterAll(() => cluster.close());

  it('a socket that stops answering pings is terminated; a live one stays', async () => {
    const live = await TestClient.open(`${url}?user_id=hb-live`);
    const dead = await TestClient.open(`${url}?user_id=hb-dead`, {}, false);
    expect((await dead.waitClosed(5000)).code).toBe(1006); // terminated, no closing handshake
    expect(live.closed).toBeNull();
    expect((await live.op({ op: 'ping' })).data.op).toBe('ping');
    live.close();
  });

  it('a burst over 40 messages gets RATE_LIMITED and the socket stays open', async () => {
    const c = await TestClient.open(`${url}?user_id=chatty`);
    for (let i = 0; i < 60; i++) c.send({ op: 'ping', id: `p${i}` });
    const limited = await c.waitFor((m) => m.type === 'error' && m.data.code === 'RATE_LIMITED');
    expect(limited.channel).toBeNull();
    await sleep(100);
    expect(c.messages.filter((m) => m.type === 'ack').length).toBeLessThanOrEqual(41);
    expect(c.closed).toBeNull();
    c.close();
  });
});

describe('slow consumers', () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let url: string;
  beforeAll(async () => {
    cluster = await startCluster(1); // default heartbeat: a paused reader must fail on buffered bytes, not pings
    url = cluster.instances[0].ws;
  });
  afterAll(() => cluster.close());

  it('a client that stops reading is closed with 1008 slow_consumer instead of silently losing events', async () => {
    const c = await TestClient.open(`${url}?user_id=sloth`);
    await c.op({ op: 'subscribe', channels: ['alerts'] });
    const socket = (c.ws as unknown as { _socket: Socket })._socket;
    socket.pause();
    const big = { ...alertData(1), explanation: 'x'.repeat(32 * 1024) };
    for (let i = 0; i < 400; i++) await cluster.publisher.publish(channels.alerts, 'new_alert', { ...big, id: i });
    await sleep(200);
    socket.resume();
    const closed = await c.waitClosed(20_000);
    expect(closed).toEqual({ code: 1008, reason: 'slow_consumer' });
    const seqs = c.events('alerts').map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i)); // what arrived has no hole
    const metrics = await (await fetch(`${cluster.instances[0].http}/metrics`)).text();
    expect(metrics).toMatch(/tx_ws_messages_dropped_total\{reason="slow_consumer"\} [1-9]/);
  });
});

describe('JWT mode', () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  beforeAll(async () => {
    cluster = await startCluster(1, { ...HS_ENV, AUTH_MODE: 'jwt' });
  });
  afterAll(() => cluster.close());

  it('requires a ticket: demo hints are refused, a ticket from a verified token opens the socket', async () => {
    const { ws, http } = cluster.instances[0];
    await expect(TestClient.open(`${ws}?user_id=alice`)).rejects.toMatchObject({ status: 401 });
    expect((await fetch(`${http}/api/ws/ticket`, { method: 'POST' })).status).toBe(401);
    const res = await fetch(`${http}/api/ws/ticket`, { method: 'POST', headers: bearer(await userToken('sub-42')) });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { url: string } };
    const c = await TestClient.open(`${ws.replace(/\/ws$/, '')}${data.url}`);
    expect(c.messages[0].data.user_id).toBe('sub-42');
    c.close();
  });
});
