import { Type as T } from '@sinclair/typebox';
import { defineEvent, IsoTime, Nullable, Str } from './common';

/** 4.4 `system_status` on `system`, sent on change. */
export const SystemStatusEvent = T.Object({
  scanner: T.Object({ enabled: T.Boolean(), last_cycle_at: Nullable(IsoTime) }),
  maintenance: T.Boolean(),
  message: Nullable(Str),
});

export const SYSTEM_EVENTS = {
  system_status: defineEvent(SystemStatusEvent, ['system']),
};
