import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import {
  controlFrame,
  type Frame,
  type FrameEncoder,
  type Hub,
  type ParsedChannel,
  planResume,
  type ResumePlan,
  type readReplay,
  refetchPath,
  resolveClientChannel,
  type Sink,
} from '@tx/realtime';
import type { WebSocket } from 'ws';
import { CLOSE, type WsLimits } from './limits';
import type { WsMetrics } from './metrics';
import { type ClientOp, type OpError, parseOp } from './ops';

export interface ConnectionContext {
  hub: Hub;
  /** The hub's encoder, for frames this connection sends on its own (replays, frames held meanwhile). */
  encode: FrameEncoder;
  /** Reads replay buffers and job owners (the API's producer connection). */
  readReplay: (channel: string, parsed: ParsedChannel, afterSeq: number) => ReturnType<typeof readReplay>;
  jobOwner: (jobId: string) => Promise<string | null>;
  canonicalSymbol: (s: string) => string | null;
  limits: WsLimits;
  metrics: WsMetrics;
  log: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void };
}

interface Subscription {
  external: string;
  parsed: ParsedChannel;
  /** Highest seq sent on this channel: replayed and live frames never repeat. */
  lastSent: number | null;
  /** Live frames held while this channel's replay is read. */
  held: Frame[] | null;
}

type Rejected = { channel: string; code: string };

/**
 * One client socket speaking api.md §4: ops are handled one at a time in arrival order; live frames come from the
 * hub as a Sink. Every limit of §4.6 that can be enforced per socket lives here.
 */
export class Connection implements Sink {
  readonly id = randomUUID();
  alive = true;
  private readonly subs = new Map<string, Subscription>();
  private queue: Promise<void> = Promise.resolve();
  private tokens: number;
  private lastRefill = Date.now();
  private limitedSince: number | null = null;
  private lastRateError = 0;
  private errorTimes: number[] = [];
  private closed = false;
  private readonly sessionTimer: NodeJS.Timeout;

  /** `socket` is the upgraded TCP socket under `ws`: encoded frames are written to it directly (see wire.ts). */
  constructor(
    private readonly ws: WebSocket,
    private readonly socket: Duplex,
    readonly userId: string,
    private readonly ctx: ConnectionContext,
  ) {
    this.tokens = ctx.limits.rateBurst;
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('message', (data, isBinary) => this.onMessage(data as Buffer, isBinary));
    ws.on('close', () => this.dispose());
    ws.on('error', (err) => ctx.log.info({ err: err.message, connectionId: this.id }, 'websocket error'));
    this.sessionTimer = setTimeout(() => this.close(CLOSE.policy, 'session_expired'), ctx.limits.sessionMs);
    this.sessionTimer.unref();
    this.control('connection_status', null, {
      status: 'connected',
      message: 'Connected to TX real-time',
      connection_id: this.id,
      user_id: userId,
      server_time: new Date().toISOString(),
      heartbeat_s: Math.round(ctx.limits.heartbeatMs / 1000),
      limits: { max_payload_bytes: ctx.limits.maxPayloadBytes, max_subscriptions: ctx.limits.maxSubscriptions },
    });
  }

  get subscriptionCount(): number {
    return this.subs.size;
  }

  /** Heartbeat tick: a socket that did not answer the previous ping is dead. */
  heartbeat(): void {
    if (!this.alive) {
      this.ctx.metrics.dropped.inc({ reason: 'heartbeat_timeout' });
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  shutdown(): void {
    this.control('connection_status', null, {
      status: 'shutting_down',
      message: 'Server restarting: reconnect and resume',
    });
    this.close(CLOSE.goingAway, 'shutting_down');
  }

  // Sink: live frames from the hub, in seq order per channel.
  deliver(channel: string, frames: readonly Frame[], wire: Buffer): number {
    const sub = this.subs.get(channel);
    if (!sub) return 0;
    if (sub.held) {
      sub.held.push(...frames);
      if (sub.held.length > this.ctx.limits.slowConsumerMessages) this.slow();
      return 0;
    }
    return this.send(sub, frames, wire);
  }

  lost(channel: string, info: { lastSeq: number; oldest: number | null; latest: number }): void {
    const sub = this.subs.get(channel);
    if (!sub) return;
    this.resync(sub, { kind: 'resync', reason: 'gap_too_old', oldest: info.oldest, latest: info.latest }, info.lastSeq);
    sub.lastSent = Math.max(sub.lastSent ?? 0, info.latest);
  }

  /**
   * Sends the frames of `sub` not sent yet (the newest ones: frames are in seq order) in one write; `wire` is the
   * encoding of all of `frames` when the caller has it. Returns how many went out.
   */
  private send(sub: Subscription, frames: readonly Frame[], wire?: Buffer): number {
    const after = sub.lastSent ?? 0;
    let fresh = frames;
    if (frames.length > 0 && frames[0].seq <= after) {
      fresh = frames.filter((f) => f.seq > after);
      wire = undefined;
    }
    if (fresh.length === 0 || this.closed || this.ws.readyState !== this.ws.OPEN) return 0;
    if (this.ws.bufferedAmount > this.ctx.limits.slowConsumerBytes) {
      this.slow();
      return 0;
    }
    // ws's own writes (control messages, pings, close) go to the same socket in call order: nothing is reordered.
    this.socket.write(wire ?? this.ctx.encode(fresh));
    sub.lastSent = fresh[fresh.length - 1].seq;
    return fresh.length;
  }

  /** Sends frames outside the live fan-out (replays, held frames) and counts them, as the hub counts live ones. */
  private sendCounted(sub: Subscription, frames: readonly Frame[]): void {
    const n = this.send(sub, frames);
    for (let i = frames.length - n; i < frames.length; i++) this.ctx.metrics.sentFor(frames[i].type).inc();
  }

  /** Never a silent gap (api.md §4.5): a socket that cannot keep up is closed and recovers with `resume`. */
  private slow(): void {
    if (this.closed) return;
    this.ctx.metrics.dropped.inc({ reason: 'slow_consumer' });
    this.ctx.log.info({ connectionId: this.id, userId: this.userId }, 'slow consumer closed');
    this.close(CLOSE.policy, 'slow_consumer');
  }

  private control(type: string, channel: string | null, data: unknown): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(controlFrame(type, channel, data));
    this.ctx.metrics.sentFor(type).inc();
  }

  private close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code, reason);
    // A peer that never completes the closing handshake must not keep the socket.
    setTimeout(() => this.ws.terminate(), 10_000).unref();
    this.dispose();
  }

  private dispose(): void {
    this.closed = true;
    clearTimeout(this.sessionTimer);
    for (const channel of this.subs.keys()) this.ctx.hub.remove(channel, this);
    this.subs.clear();
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (!this.takeToken()) return;
    const parsed = parseOp(isBinary ? null : data.toString('utf8'), this.ctx.limits);
    if ('error' in parsed) {
      this.error(parsed.error);
      return;
    }
    this.queue = this.queue
      .then(() => this.handle(parsed.op))
      .catch((err: unknown) => {
        this.ctx.log.warn({ err: (err as Error).message, connectionId: this.id }, 'websocket op failed');
        this.close(CLOSE.internal, 'internal_error');
      });
  }

  /** 20 messages per second, burst 40; limited for 10 s straight closes with 1008 (api.md §4.6). */
  private takeToken(): boolean {
    const now = Date.now();
    const { ratePerSecond, rateBurst, rateSustainMs } = this.ctx.limits;
    this.tokens = Math.min(rateBurst, this.tokens + ((now - this.lastRefill) / 1000) * ratePerSecond);
    this.lastRefill = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.limitedSince = null;
      return true;
    }
    this.limitedSince ??= now;
    if (now - this.limitedSince >= rateSustainMs) {
      this.ctx.metrics.dropped.inc({ reason: 'abuse' });
      this.close(CLOSE.policy, 'rate_limited');
    } else if (now - this.lastRateError >= 1000) {
      this.lastRateError = now;
      this.control('error', null, { code: 'RATE_LIMITED', message: 'Too many messages', op: null, id: null });
    }
    return false;
  }

  private error(e: OpError, channel: string | null = null): void {
    this.control('error', channel, { code: e.code, message: e.message, op: e.op ?? null, id: e.id ?? null });
    const now = Date.now();
    this.errorTimes = this.errorTimes.filter((t) => now - t < 60_000);
    this.errorTimes.push(now);
    if (this.errorTimes.length >= this.ctx.limits.errorsPerMinute) {
      this.ctx.metrics.dropped.inc({ reason: 'abuse' });
      this.close(CLOSE.policy, 'too_many_errors');
    }
  }

  private async handle(op: ClientOp): Promise<void> {
    if (this.closed) return;
    const id = op.id ?? null;
    switch (op.op) {
      case 'ping':
        this.control('ack', null, { op: 'ping', id, accepted: [], rejected: [] });
        return;
      case 'unsubscribe': {
        const accepted: string[] = [];
        for (const name of op.channels) {
          const r = resolveClientChannel(name, this.userId, this.ctx.canonicalSymbol);
          if (r.ok && this.subs.delete(r.internal)) this.ctx.hub.remove(r.internal, this);
          if (r.ok) accepted.push(r.external);
        }
        this.control('ack', null, { op: 'unsubscribe', id, accepted, rejected: [] });
        return;
      }
      case 'subscribe':
      case 'resume': {
        const lastSeq = op.op === 'resume' ? op.lastSeq : {};
        const names = op.op === 'resume' ? (op.channels ?? Object.keys(op.lastSeq)) : op.channels;
        const accepted: string[] = [];
        const rejected: Rejected[] = [];
        const replayed: Record<string, number> = {};
        for (const name of names) {
          const resolved = await this.admit(name, op.op, id, rejected);
          if (!resolved) continue;
          accepted.push(resolved.external);
          const n = (typeof name === 'string' ? lastSeq[name] : undefined) ?? lastSeq[resolved.external];
          if (op.op === 'resume' && n !== undefined) replayed[resolved.external] = await this.replay(resolved, n);
        }
        this.control('ack', null, {
          op: op.op,
          id,
          accepted,
          rejected,
          ...(op.op === 'resume' ? { replayed } : {}),
        });
      }
    }
  }

  /** Checks one requested channel and subscribes to it; null (with an error sent) when refused. */
  private async admit(name: unknown, op: string, id: string | null, rejected: Rejected[]) {
    const r = resolveClientChannel(name, this.userId, this.ctx.canonicalSymbol);
    const label = typeof name === 'string' ? name.slice(0, 160) : String(name);
    const refuse = (code: string, message: string) => {
      rejected.push({ channel: label, code });
      this.error({ code, message, op, id }, null);
      return null;
    };
    if (!r.ok) return refuse(r.code, r.code === 'INVALID_CHANNEL' ? 'Malformed channel name' : 'Not your channel');
    // Job streams are bound to their owner by the job's first event; unknown and foreign ids look the same.
    if (r.parsed.kind === 'jobs' && (await this.ctx.jobOwner(r.parsed.jobId!)) !== this.userId) {
      return refuse('FORBIDDEN_CHANNEL', 'Not your channel');
    }
    if (!this.subs.has(r.internal)) {
      if (this.subs.size >= this.ctx.limits.maxSubscriptions) {
        return refuse('SUBSCRIPTION_LIMIT', `At most ${this.ctx.limits.maxSubscriptions} subscriptions`);
      }
      this.subs.set(r.internal, { external: r.external, parsed: r.parsed, lastSent: null, held: null });
      this.ctx.hub.add(r.internal, this);
    }
    return { ...r, sub: this.subs.get(r.internal)! };
  }

  /**
   * Replays what the client missed after `lastSeq`, holding live frames meanwhile so that the switch to live
   * delivery has no gap and no duplicate; or sends `resync` (api.md §4.5). Returns the number replayed.
   */
  private async replay(r: { internal: string; parsed: ParsedChannel; sub: Subscription }, lastSeq: number) {
    const { sub } = r;
    sub.held = [];
    let count = 0;
    try {
      const window = await this.ctx.readReplay(r.internal, r.parsed, lastSeq);
      const plan = planResume(window, lastSeq);
      if (plan.kind === 'replay') {
        sub.lastSent = lastSeq;
        this.sendCounted(sub, plan.frames);
        count = plan.frames.length;
      } else {
        this.resync(sub, plan, lastSeq);
        sub.lastSent = plan.latest;
      }
    } finally {
      const held = sub.held;
      sub.held = null;
      this.sendCounted(sub, held);
    }
    return count;
  }

  private resync(sub: Subscription, plan: Extract<ResumePlan, { kind: 'resync' }>, lastSeq: number): void {
    this.ctx.metrics.dropped.inc({ reason: `resync_${plan.reason}` });
    this.control('resync', sub.external, {
      channel: sub.external,
      last_seq: lastSeq,
      oldest_seq: plan.oldest,
      latest_seq: plan.latest,
      reason: plan.reason,
      refetch: refetchPath(sub.parsed),
    });
  }
}
