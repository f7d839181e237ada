import type { TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import { EVENT_CHANNELS, EVENT_SCHEMAS, type EventType, isEventType } from '@tx/contracts';
import type { Redis } from 'ioredis';
import { bufferPolicy, parseChannel, redisKeys } from './channels';
import { PUBLISH_LUA } from './script';

/** Per-job streams and their owner binding live as long as job results (api.md §1.10: 7 days). */
const JOB_STREAM_TTL_MS = 7 * 24 * 3600 * 1000;

export interface EventPublisher {
  /**
   * Validates `data` against the type's schema, numbers it on `channel` (an internal name from `channels`),
   * appends it to the channel's replay buffer and publishes it to every API instance. Resolves to its seq.
   */
  publish(channel: string, type: string, data: unknown): Promise<number>;
}

export class EventRejectedError extends Error {
  constructor(
    readonly reason: 'unknown_type' | 'invalid_channel' | 'wrong_channel' | 'invalid_data',
    detail: string,
  ) {
    super(`event rejected (${reason}): ${detail}`);
    this.name = 'EventRejectedError';
  }
}

const checkers = new Map<string, TypeCheck<TSchema>>();
/** Compiled once per type: the same check runs on every publish and again on receipt in each API instance. */
export function eventChecker(type: EventType): TypeCheck<TSchema> {
  let c = checkers.get(type);
  if (!c) {
    c = TypeCompiler.Compile(EVENT_SCHEMAS[type]);
    checkers.set(type, c);
  }
  return c;
}

type PublishCommand = (seqKey: string, bufferKey: string, ownerKey: string, ...argv: string[]) => Promise<number>;

export function createPublisher(redis: Redis, prefix: string): EventPublisher {
  const keys = redisKeys(prefix);
  if (!('txWsPublish' in redis)) redis.defineCommand('txWsPublish', { numberOfKeys: 3, lua: PUBLISH_LUA });
  const run = (redis as unknown as { txWsPublish: PublishCommand }).txWsPublish.bind(redis);

  return {
    async publish(channel, type, data) {
      if (!isEventType(type)) throw new EventRejectedError('unknown_type', type);
      const parsed = parseChannel(channel);
      if (!parsed) throw new EventRejectedError('invalid_channel', channel);
      if (!EVENT_CHANNELS[type].includes(parsed.kind)) {
        throw new EventRejectedError('wrong_channel', `${type} does not travel on ${parsed.kind}`);
      }
      const check = eventChecker(type);
      if (!check.Check(data)) {
        const first = check.Errors(data).First();
        throw new EventRejectedError('invalid_data', `${type}${first?.path ?? ''}: ${first?.message ?? 'invalid'}`);
      }
      const { maxLen, maxAgeMs } = bufferPolicy(parsed.kind);
      const owner = parsed.kind === 'jobs' ? (parsed.userId ?? '') : '';
      return run(
        keys.seq(channel),
        keys.buffer(channel),
        keys.jobOwner(parsed.jobId ?? '-'),
        keys.pubsub(channel),
        type,
        parsed.external,
        String(Date.now()),
        JSON.stringify(data),
        String(maxLen),
        String(maxAgeMs),
        owner,
        String(JOB_STREAM_TTL_MS),
      );
    },
  };
}
