import type { Redis } from 'ioredis';
import { type ParsedChannel, parseChannel, redisKeys } from './channels';
import { decodeFrame, type Frame } from './frame';
import { planResume, readReplay } from './replay';

/** A consumer of one or more channels (a WebSocket connection). Frames arrive in seq order per channel. */
export interface Sink {
  /**
   * Consecutive frames of one channel; `wire` is all of them as the transport sends them, encoded once for every
   * sink. Returns how many went out to the client now: always the newest ones (held frames, duplicates and a
   * closing sink count 0).
   */
  deliver(channel: string, frames: readonly Frame[], wire: Buffer): number;
  /** The instance missed frames that are no longer buffered: the sink must tell its client to resync. */
  lost(channel: string, info: { lastSeq: number; oldest: number | null; latest: number }): void;
}

/** How a batch of frames travels to a sink (the gateway: WebSocket text frames). */
export type FrameEncoder = (frames: readonly Frame[]) => Buffer;

export interface HubHooks {
  /** After a frame went out to `recipients` sinks; `latencyMs` from publish to the end of the fan-out. */
  fanout?: (frame: Frame, recipients: number, latencyMs: number) => void;
  dropped?: (reason: 'invalid_frame' | 'duplicate') => void;
  log?: { warn: (obj: object, msg: string) => void };
}

interface ChannelState {
  name: string;
  parsed: ParsedChannel;
  sinks: Set<Sink>;
  /** Last seq fanned out here; null until the first frame after the first subscription. */
  last: number | null;
  /** The channel's seq when it was first subscribed here: where an outage repair starts before any frame came. */
  floor: number | null;
  /** Live frames held while a gap is repaired from the replay buffer. */
  held: Frame[] | null;
}

/**
 * One pub/sub subscription per API instance (a pattern on the prefix), fanned out to local sinks by channel.
 * Pub/sub is at most once: when the subscriber reconnects or sees a seq jump, the missing frames are read back
 * from the replay buffer before live delivery continues, so sinks never see a silent gap.
 *
 * Fan-out is batched per tick: the frames of a channel that one Redis read carried are encoded once and reach each
 * sink in one call, so a socket costs one write per batch whatever the event rate.
 */
export class Hub {
  private readonly channels = new Map<string, ChannelState>();
  private readonly keys: ReturnType<typeof redisKeys>;
  private connectedOnce = false;
  /** Frames sequenced in this tick, per channel, in seq order: fanned out together before the tick ends. */
  private readonly pending = new Map<ChannelState, Frame[]>();

  constructor(
    private readonly subscriber: Redis,
    private readonly reader: Redis,
    private readonly prefix: string,
    private readonly encode: FrameEncoder,
    private readonly hooks: HubHooks = {},
  ) {
    this.keys = redisKeys(prefix);
  }

  /**
   * Subscribes, waiting at most `waitMs` so that an API instance still boots while Redis is down (readiness says
   * so); the connection keeps retrying and re-subscribes on its own.
   */
  async start(waitMs = 2000): Promise<void> {
    const strip = this.keys.pubsub('').length;
    this.subscriber.on('pmessage', (_pattern: string, channel: string, text: string) =>
      this.onMessage(channel.slice(strip), text),
    );
    this.subscriber.on('ready', () => {
      if (this.connectedOnce) this.resubscribe();
    });
    // Only once ready: a subscription sent while ioredis still runs its ready check puts the connection in
    // subscriber mode under that check's INFO, which fails and drops the connection.
    const ready = new Promise<void>((resolve) => {
      if (this.subscriber.status === 'ready') resolve();
      else this.subscriber.once('ready', () => resolve());
    });
    const first = ready
      .then(() => this.subscriber.psubscribe(this.keys.pattern))
      .then(() => {
        this.connectedOnce = true;
      });
    first.catch((err: Error) => this.hooks.log?.warn({ err: err.message }, 'event subscription failed'));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([first, new Promise((r) => (timer = setTimeout(r, waitMs)))]).catch(() => {});
    clearTimeout(timer);
  }

  /** Back after an outage: once subscribed again, read back whatever was published while we were away. */
  private resubscribe(): void {
    this.subscriber.psubscribe(this.keys.pattern).then(
      () => {
        for (const [name, st] of this.channels) {
          if (!st.held && (st.last ?? st.floor) !== null) void this.repair(name, st);
        }
      },
      (err: Error) => this.hooks.log?.warn({ err: err.message }, 'resubscribe failed'),
    );
  }

  add(channel: string, sink: Sink): void {
    let st = this.channels.get(channel);
    if (!st) {
      const parsed = parseChannel(channel);
      if (!parsed) throw new Error(`invalid channel ${channel}`);
      const fresh: ChannelState = { name: channel, parsed, sinks: new Set(), last: null, floor: null, held: null };
      this.channels.set(channel, fresh);
      // Only a starting point for outage repair, never used to drop frames: the read may race the first publish.
      this.reader.get(this.keys.seq(channel)).then(
        (v) => {
          fresh.floor = Number(v ?? 0);
        },
        () => {},
      );
      st = fresh;
    }
    st.sinks.add(sink);
  }

  remove(channel: string, sink: Sink): void {
    const st = this.channels.get(channel);
    if (!st) return;
    st.sinks.delete(sink);
    if (st.sinks.size === 0) this.channels.delete(channel);
  }

  stats(): { channels: number; subscriptions: number } {
    let subscriptions = 0;
    for (const st of this.channels.values()) subscriptions += st.sinks.size;
    return { channels: this.channels.size, subscriptions };
  }

  async close(): Promise<void> {
    this.channels.clear();
    this.pending.clear();
    this.subscriber.disconnect();
  }

  private onMessage(channel: string, text: string): void {
    const st = this.channels.get(channel);
    if (!st) return; // nobody here listens: skip even the parse
    const frame = decodeFrame(text);
    if (!frame) {
      this.hooks.dropped?.('invalid_frame');
      this.hooks.log?.warn({ channel }, 'invalid event frame dropped');
      return;
    }
    if (st.held) st.held.push(frame);
    else this.advance(channel, st, frame);
  }

  private advance(channel: string, st: ChannelState, frame: Frame): void {
    if (st.last !== null && frame.seq <= st.last) {
      this.hooks.dropped?.('duplicate');
      return;
    }
    if (st.last !== null && frame.seq > st.last + 1) {
      void this.repair(channel, st, frame);
      return;
    }
    st.last = frame.seq;
    this.fanout(st, frame);
  }

  private fanout(st: ChannelState, frame: Frame): void {
    const batch = this.pending.get(st);
    if (batch) batch.push(frame);
    else {
      if (this.pending.size === 0) process.nextTick(this.flush);
      this.pending.set(st, [frame]);
    }
  }

  /** Delivers this tick's frames: one encoding and one `deliver` per sink for each channel. */
  private readonly flush = (): void => {
    for (const [st, frames] of this.pending) {
      if (this.channels.get(st.name) !== st) continue; // every sink left meanwhile
      const wire = this.encode(frames);
      // sentWith[n]: sinks that took the newest n frames; frame i reached those with n >= frames.length - i.
      const sentWith = new Array<number>(frames.length + 1).fill(0);
      for (const sink of st.sinks) sentWith[sink.deliver(st.name, frames, wire)] += 1;
      const now = Date.now();
      let recipients = 0;
      for (let i = 0; i < frames.length; i++) {
        recipients += sentWith[frames.length - i];
        this.hooks.fanout?.(frames[i], recipients, now - frames[i].ts);
      }
    }
    this.pending.clear();
  };

  private async repair(channel: string, st: ChannelState, trigger?: Frame): Promise<void> {
    st.held = trigger ? [trigger] : [];
    const after = st.last ?? st.floor ?? 0;
    try {
      const window = await readReplay(this.reader, this.prefix, channel, st.parsed, after);
      const plan = planResume(window, after);
      if (plan.kind === 'replay') {
        for (const f of plan.frames) {
          st.last = f.seq;
          this.fanout(st, f);
        }
      } else {
        for (const sink of st.sinks) sink.lost(channel, { lastSeq: after, oldest: plan.oldest, latest: plan.latest });
        st.last = window.latest;
      }
    } catch (err) {
      this.hooks.log?.warn({ channel, err: (err as Error).message }, 'gap repair failed: clients told to resync');
      for (const sink of st.sinks) sink.lost(channel, { lastSeq: after, oldest: null, latest: trigger?.seq ?? after });
      st.last = trigger ? trigger.seq - 1 : st.last;
    }
    const held = st.held;
    st.held = null;
    for (let i = 0; i < held.length; i++) {
      const repairing = st.held as Frame[] | null; // advance() may have found another gap
      if (repairing) {
        repairing.push(...held.slice(i));
        break;
      }
      this.advance(channel, st, held[i]);
    }
  }
}
