import { waitReady } from '@tx/queue';
import { channels, createPublisher, EventRejectedError, redisKeys } from '@tx/realtime';
import { TEST_REDIS_URL, testKeyPrefix } from '@tx/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { alertData, jobData, portfolioData } from './fixtures';

const redis = new Redis(TEST_REDIS_URL);
const sub = new Redis(TEST_REDIS_URL);
const prefix = testKeyPrefix();
const publisher = createPublisher(redis, prefix);
const keys = redisKeys(prefix);
afterAll(() => {
  redis.disconnect();
  sub.disconnect();
});

describe('publisher', () => {
  it('numbers events per channel, buffers them and publishes the client frame', async () => {
    const got: string[] = [];
    // Subscribing before `ready` races ioredis's ready check, which then drops the connection (and the messages).
    await waitReady(sub, 5000);
    await sub.subscribe(keys.pubsub(channels.alerts));
    sub.on('message', (_c, m) => got.push(m));
    expect(await publisher.publish(channels.alerts, 'new_alert', alertData(1))).toBe(1);
    expect(await publisher.publish(channels.alerts, 'new_alert', alertData(2))).toBe(2);
    expect(await publisher.publish(channels.portfolio('u1'), 'portfolio_update', portfolioData())).toBe(1);
    // Only the two alerts arrive (the subscription is to `alerts` alone); wait for them however busy the host is.
    for (let waited = 0; got.length < 2 && waited < 5000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    expect(got).toHaveLength(2);
    const frame = JSON.parse(got[1]);
    expect(frame).toMatchObject({ type: 'new_alert', channel: 'alerts', seq: 2, data: { id: 2 } });
    expect(frame.ts).toBeGreaterThan(Date.now() - 5000);
    expect(await redis.zcard(keys.buffer(channels.alerts))).toBe(2);
  });

  it('buffers per-user streams under the owner and shows clients the short name', async () => {
    await publisher.publish(channels.job('u1', 'j-1'), 'job_progress', jobData('j-1', 'queued', 0));
    const [frame] = await redis.zrange(keys.buffer(channels.job('u1', 'j-1')), 0, -1);
    expect(JSON.parse(frame)).toMatchObject({ channel: 'jobs:j-1', seq: 1 });
    expect(await redis.get(keys.jobOwner('j-1'))).toBe('u1');
  });

  it('caps the replay buffer', async () => {
    const ch = channels.prices('AAPL');
    for (let i = 0; i < 120; i++) {
      await publisher.publish(ch, 'price_update', {
        symbol: 'AAPL',
        price: i,
        change: 0,
        change_percent: 0,
        volume: 0,
      });
    }
    expect(await redis.zcard(keys.buffer(ch))).toBe(100);
    expect(await redis.zrange(keys.buffer(ch), 0, 0, 'WITHSCORES')).toEqual([expect.any(String), '21']);
  });

  it('rejects unknown types, invalid data, malformed and mismatched channels', async () => {
    await expect(publisher.publish(channels.alerts, 'nope', {})).rejects.toThrow(EventRejectedError);
    await expect(publisher.publish(channels.alerts, 'new_alert', { ...alertData(1), id: 'x' })).rejects.toMatchObject({
      reason: 'invalid_data',
    });
    await expect(publisher.publish('alerts"', 'new_alert', alertData(1))).rejects.toMatchObject({
      reason: 'invalid_channel',
    });
    await expect(publisher.publish(channels.scans, 'new_alert', alertData(1))).rejects.toMatchObject({
      reason: 'wrong_channel',
    });
    expect(await redis.get(keys.seq(channels.scans))).toBeNull();
  });
});
