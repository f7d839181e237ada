/**
 * A minimal WebSocket client transport for the load generator (RFC 6455): the upgrade written and read by hand over
 * node:net, then server frames read straight off the TCP socket. 1,000 `ws` clients cost their process ~7 µs of CPU
 * per message (a Writable stream, an event and a Buffer per frame), which at 100,000 messages/s made the harness,
 * not the relay, the source of queueing. Here every socket reads into one shared buffer (net's `onread`: no stream,
 * no allocation per read) and each text frame is handed over as offsets into it.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';

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
  socket: net.Socket;
  sendText(text: string): void;
}

// Shared by every socket of the process: a read is consumed (or its tail copied out) before the next one starts.
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);
const HEAD_END = Buffer.from('\r\n\r\n');

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
    let upgraded = false;
    // Bytes of an incomplete head or frame, kept from one read to the next.
    let rest: Buffer | null = null;
    const send = (opcode: number, payload: Buffer) => socket.write(clientFrame(opcode, payload));
    const consume = (buf: Buffer, from: number, to: number) => {
      let p = from;
      while (to - p >= 2) {
        const opcode = buf[p] & 0x0f;
        let len = buf[p + 1] & 0x7f;
        let at = p + 2;
        if (len === 126) {
          if (to - p < 4) break;
          len = buf.readUInt16BE(p + 2);
          at = p + 4;
        } else if (len === 127) {
          if (to - p < 10) break;
          len = Number(buf.readBigUInt64BE(p + 2));
          at = p + 10;
        }
        if (to - at < len) break;
        if (opcode === OP.text) onText(self, buf, at, at + len);
        else if (opcode === OP.ping) send(OP.pong, buf.subarray(at, at + len));
        else if (opcode === OP.close) socket.end();
        p = at + len;
      }
      rest = p < to ? Buffer.from(buf.subarray(p, to)) : null;
    };
    const onRead = (n: number, chunk: Buffer) => {
      const buf = rest ? Buffer.concat([rest, chunk.subarray(0, n)]) : chunk;
      const to = rest ? buf.length : n;
      rest = null;
      if (upgraded) return consume(buf, 0, to);
      const end = buf.subarray(0, to).indexOf(HEAD_END);
      if (end < 0) {
        rest = Buffer.from(buf.subarray(0, to));
        return;
      }
      const status = buf.toString('latin1', 0, buf.indexOf(13));
      if (!status.startsWith('HTTP/1.1 101')) {
        socket.destroy();
        reject(new Error(`upgrade refused: ${status}`));
        return;
      }
      upgraded = true;
      resolve(self);
      consume(buf, end + HEAD_END.length, to);
    };
    const socket = net.connect({
      host: u.hostname,
      port: Number(u.port),
      onread: {
        buffer: READ_BUFFER,
        callback: (n, chunk) => {
          onRead(n, chunk as Buffer);
          return true;
        },
      },
    });
    const self: FrameSocket = { socket, sendText: (text) => send(OP.text, Buffer.from(text)) };
    socket.setNoDelay(true);
    socket.once('error', reject);
    socket.write(
      `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
    );
  });
}
