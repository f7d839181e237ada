import { type EventType, isEventType } from '@tx/contracts';
import { eventChecker } from './publisher';

/** A sequenced event as it travels: the exact text clients receive plus the fields the gateway routes on. */
export interface Frame {
  type: EventType;
  seq: number;
  ts: number;
  text: string;
}

/**
 * Validates a frame read from pub/sub or the replay buffer (payloads outlive deploys, so they are checked on
 * receipt too). Returns null for anything malformed, which the caller drops and counts.
 */
export function decodeFrame(text: string): Frame | null {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return null;
  }
  if (!msg || typeof msg !== 'object') return null;
  const { type, seq, ts, data } = msg as Record<string, unknown>;
  if (typeof type !== 'string' || !isEventType(type)) return null;
  if (!Number.isSafeInteger(seq) || (seq as number) < 1 || !Number.isFinite(ts)) return null;
  if (!eventChecker(type).Check(data)) return null;
  return { type, seq: seq as number, ts: ts as number, text };
}

/** Control messages (ack, error, resync, connection_status): never sequenced, never buffered (api.md §4.3). */
export function controlFrame(type: string, channel: string | null, data: unknown): string {
  return JSON.stringify({ type, channel, seq: null, ts: Date.now(), data });
}
