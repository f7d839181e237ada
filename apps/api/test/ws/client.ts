import { WebSocket } from 'ws';

export interface Msg {
  type: string;
  channel: string | null;
  seq: number | null;
  ts: number;
  data: Record<string, unknown> & {
    code?: string;
    accepted?: string[];
    rejected?: { channel: string; code: string }[];
  };
}

/** A real `ws` client that records every message and lets a test wait for the ones it expects. */
export class TestClient {
  readonly messages: Msg[] = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      this.messages.push(JSON.parse(String(raw)));
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
      this.wake();
    });
  }

  /** Opens a socket and waits for `connection_status`. Rejects with the HTTP status when the upgrade is refused. */
  static open(url: string, headers: Record<string, string> = {}, autoPong = true): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers, autoPong });
      const client = new TestClient(ws);
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () =>
          reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode, body })),
        );
      });
      ws.once('error', reject);
      client.waitFor((m) => m.type === 'connection_status').then(() => resolve(client), reject);
    });
  }

  send(msg: unknown): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  /** Sends an op and waits for its ack (matched by id). */
  async op(msg: Record<string, unknown>): Promise<Msg> {
    const id = String(msg.id ?? `op-${Math.random()}`);
    this.send({ ...msg, id });
    return this.waitFor((m) => m.type === 'ack' && m.data.id === id);
  }

  events(channel: string): Msg[] {
    return this.messages.filter((m) => m.channel === channel && m.seq !== null);
  }

  async waitFor(pred: (m: Msg) => boolean, timeoutMs = 3000): Promise<Msg> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(pred);
      if (found) return found;
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) before the message arrived`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a message');
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  async waitClosed(timeoutMs = 3000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    if (!this.closed) throw new Error('socket still open');
    return this.closed;
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
