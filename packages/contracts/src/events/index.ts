import type { TSchema } from '@sinclair/typebox';
import { ALERT_EVENTS } from './alerts';
import type { ChannelKind, EventContract } from './common';
import { JOB_EVENTS } from './jobs';
import { PORTFOLIO_EVENTS } from './portfolio';
import { PRICE_EVENTS } from './prices';
import { SCAN_EVENTS } from './scan';
import { SYSTEM_EVENTS } from './system';

export * from './alerts';
export * from './common';
export * from './jobs';
export * from './portfolio';
export * from './prices';
export * from './scan';
export * from './system';

/**
 * Every event type the publisher accepts (api.md §4.4), assembled from the per-area files. Control messages (ack,
 * error, resync, connection_status) are produced by the gateway itself and are not published.
 */
export const EVENTS = {
  ...ALERT_EVENTS,
  ...SCAN_EVENTS,
  ...PRICE_EVENTS,
  ...PORTFOLIO_EVENTS,
  ...JOB_EVENTS,
  ...SYSTEM_EVENTS,
} satisfies Record<string, EventContract>;

export type EventType = keyof typeof EVENTS;

const entries = Object.entries(EVENTS) as [EventType, EventContract][];

export const EVENT_SCHEMAS = Object.fromEntries(entries.map(([type, e]) => [type, e.schema])) as Record<
  EventType,
  TSchema
>;

export const EVENT_CHANNELS = Object.fromEntries(entries.map(([type, e]) => [type, e.channels])) as Record<
  EventType,
  readonly ChannelKind[]
>;

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENTS, type);
}
export * from './alert-object';
