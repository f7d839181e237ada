/**
 * A minimal WebSocket client transport for the load generator (RFC 6455): the upgrade over node:http and a reader of
 * server frames straight off the TCP socket. 1,000 `ws` clients cost their process ~7 µs of CPU per message (a
 * Writable stream, an event and a Buffer per frame), which at 100,000 messages/s made the harness, not the relay,
 * the source of queueing; this reader hands each text frame over as offsets into the received chunk.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Socket } from 'node:net';

const OP = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** One final client frame, masked as RFC 6455 §5.3 requires (the bench only sends short ops and pongs). */
function clientFrame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  if (len > 0xffff) throw new Error('client frame too long');
  const at = len < 126 ? 2 : 4;
  const out = Buffer.allocUnsafe(at + 4 + len);
  out[0] = 0x80 | opcode;
  if (len < 126) out[1] = 0x80 | len;
  else {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(len, 2);
  }
  const mask = randomBytes(4);
  mask.copy(out, at);
  for (let k = 0; k < len; k++) out[at + 4 + k] = payload[k] ^ mask[k & 3];
  return out;
}

export interface FrameSocket {
  socket: Socket;
  sendText(text: string): void;
}

/**
 * Opens a WebSocket to `url`; `onText(socket, buf, start, end)` receives each text frame's payload as a range of `buf`
 * (valid only during the call). Pings are answered; a close frame ends the socket.
 */
export function openFrameSocket(
  url: string,
  onText: (from: FrameSocket, buf: Buffer, start: number, end: number) => void,
): Promise<FrameSocket> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({
      host: u.hostname,
      port: u.port,
      path: u.pathname + u.search,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      },
    });
    req.once('error', reject);
    req.once('response', (res) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
    req.once('upgrade', (_res, socket: Socket, head: Buffer) => {
      socket.setNoDelay(true);
      const send = (opcode: number, payload: Buffer) => socket.write(clientFrame(opcode, payload));
      const self: FrameSocket = { socket, sendText: (text) => send(OP.text, Buffer.from(text)) };
      let rest: Buffer | null = null;
      const onData = (chunk: Buffer) => {
        const buf = rest ? Buffer.concat([rest, chunk]) : chunk;
        let p = 0;
        while (buf.length - p >= 2) {
          const opcode = buf[p] & 0x0f;
          let len = buf[p + 1] & 0x7f;
          let at = p + 2;
          if (len === 126) {
            if (buf.length - p < 4) break;
            len = buf.readUInt16BE(p + 2);
            at = p + 4;
          } else if (len === 127) {
            if (buf.length - p < 10) break;
            len = Number(buf.readBigUInt64BE(p + 2));
            at = p + 10;
          }
          if (buf.length - at < len) break;
          if (opcode === OP.text) onText(self, buf, at, at + len);
          else if (opcode === OP.ping) send(OP.pong, buf.subarray(at, at + len));
          else if (opcode === OP.close) socket.end();
          p = at + len;
        }
        rest = p < buf.length ? buf.subarray(p) : null;
      };
      socket.on('data', onData);
      if (head.length > 0) onData(head);
      resolve(self);
    });
    req.end();
  });
}
