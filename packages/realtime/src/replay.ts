import type { Redis } from 'ioredis';
import { bufferPolicy, type ParsedChannel, redisKeys } from './channels';
import { decodeFrame, type Frame } from './frame';

export interface ReplayWindow {
  /** The channel's current seq (0 when nothing was ever published). */
  latest: number;
  /** Oldest seq still replayable (buffered and younger than the channel's max age); null when none is. */
  oldest: number | null;
  /** Buffered frames with seq > afterSeq, in order. */
  frames: Frame[];
}

/** Reads what a channel can still replay after `afterSeq`, in one round trip. */
export async function readReplay(
  redis: Redis,
  prefix: string,
  channel: string,
  parsed: ParsedChannel,
  afterSeq: number,
): Promise<ReplayWindow> {
  const keys = redisKeys(prefix);
  const res = await redis
    .multi()
    .get(keys.seq(channel))
    .zrangebyscore(keys.buffer(channel), `(${afterSeq}`, '+inf')
    .zrange(keys.buffer(channel), 0, 0, 'WITHSCORES')
    .exec();
  if (!res || res.some(([err]) => err)) throw new Error('replay read failed');
  const latest = Number(res[0][1] ?? 0);
  const minTs = Date.now() - bufferPolicy(parsed.kind).maxAgeMs;
  // Entries past the max age count as gone even before the key's expiry removes them.
  const frames = (res[1][1] as string[]).map(decodeFrame).filter((f): f is Frame => f !== null && f.ts >= minTs);
  const head = res[2][1] as string[];
  const headFrame = head.length === 2 ? decodeFrame(head[0]) : null;
  const oldest = headFrame && headFrame.ts >= minTs ? headFrame.seq : (frames[0]?.seq ?? null);
  return { latest, oldest, frames };
}

/** What a resume must do for one channel (api.md §4.5): replay, or resync and continue live. */
export type ResumePlan =
  | { kind: 'replay'; frames: Frame[] }
  | { kind: 'resync'; reason: 'gap_too_old' | 'stream_reset'; oldest: number | null; latest: number };

export function planResume(window: ReplayWindow, lastSeq: number): ResumePlan {
  if (lastSeq > window.latest)
    return { kind: 'resync', reason: 'stream_reset', oldest: window.oldest, latest: window.latest };
  if (lastSeq === window.latest) return { kind: 'replay', frames: [] };
  const first = window.frames[0]?.seq;
  if (first !== lastSeq + 1)
    return { kind: 'resync', reason: 'gap_too_old', oldest: window.oldest, latest: window.latest };
  return { kind: 'replay', frames: window.frames };
}
