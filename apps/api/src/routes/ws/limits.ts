/** WebSocket limits of api.md §4.1, §4.2 and §4.6. Tests shorten the timers through the plugin options. */
export const WS_LIMITS = {
  maxPayloadBytes: 64 * 1024,
  maxSubscriptions: 50,
  heartbeatMs: 30_000,
  sessionMs: 12 * 3600 * 1000,
  slowConsumerBytes: 1024 * 1024,
  slowConsumerMessages: 1000,
  ratePerSecond: 20,
  rateBurst: 40,
  rateSustainMs: 10_000,
  errorsPerMinute: 10,
  connectionsPerUser: 5,
  connectionsPerIp: 20,
  ticketTtlMs: 30_000,
  idMaxLength: 64,
};
export type WsLimits = typeof WS_LIMITS;

export const CLOSE = { normal: 1000, goingAway: 1001, policy: 1008, tooBig: 1009, internal: 1011 } as const;
