import type { Redis } from 'ioredis';
import { type ParsedChannel, parseChannel, redisKeys } from './channels';
import { decodeFrame, type Frame } from './frame';
import { planResume, readReplay } from './replay';

/** A consumer of one or more channels (a WebSocket connection). Frames arrive in seq order per channel. */
export interface Sink {
  /** Returns true when the frame went out to the client now (false: held, duplicate, or the sink is closing). */
  deliver(channel: string, frame: Frame, bytes: Buffer): boolean;
  /** The instance missed frames that are no longer buffered: the sink must tell its client to resync. */
  lost(channel: string, info: { lastSeq: number; oldest: number | null; latest: number }): void;
}

export interface HubHooks {
  /** After a frame went out to `recipients` sinks; `latencyMs` from publish to the end of the fan-out. */
  fanout?: (frame: Frame, recipients: number, latencyMs: number) => void;
  dropped?: (reason: 'invalid_frame' | 'duplicate') => void;
  log?: { warn: (obj: object, msg: string) => void };
}

interface ChannelState {
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
 */
export class Hub {
  private readonly channels = new Map<string, ChannelState>();
  private readonly keys: ReturnType<typeof redisKeys>;
  private connectedOnce = false;

  constructor(
    private readonly subscriber: Redis,
    private readonly reader: Redis,
    private readonly prefix: string,
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
    const first = this.subscriber.psubscribe(this.keys.pattern).then(() => {
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
      const fresh: ChannelState = { parsed, sinks: new Set(), last: null, floor: null, held: null };
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
    this.fanout(st, channel, frame);
  }

  private fanout(st: ChannelState, channel: string, frame: Frame): void {
    const bytes = Buffer.from(frame.text); // encoded once for every recipient
    let sent = 0;
    for (const sink of st.sinks) if (sink.deliver(channel, frame, bytes)) sent += 1;
    this.hooks.fanout?.(frame, sent, Date.now() - frame.ts);
  }

  private async repair(channel: string, st: ChannelState, trigger?: Frame): Promise<void> {
    st.held = trigger ? [trigger] : [];
    const after = st.last ?? st.floor ?? 0;
    try {
      const window = await readReplay(this.reader, this.prefix, channel, st.parsed, after);
      const plan = planResume(window, after);
      if (plan.kind === 'replay') {
        for (const f of plan.frames) {
          st.last = f.seq;
          this.fanout(st, channel, f);
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
