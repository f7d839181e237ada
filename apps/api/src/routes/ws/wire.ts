import type { Frame } from '@tx/realtime';

const headerLength = (n: number) => (n < 126 ? 2 : n < 65_536 ? 4 : 10);

/**
 * Frames as WebSocket text messages on the wire (RFC 6455 §5.2, server to client: final, unmasked, not
 * compressed), back to back. The hub encodes each batch once and every subscribed socket gets the same bytes in one
 * write (connection.ts), past ws's Sender: so the server must not negotiate permessage-deflate, whose Sender queues
 * its own messages while compressing and would reorder them with these.
 */
export function encodeTextFrames(frames: readonly Frame[]): Buffer {
  let size = 0;
  for (const f of frames) {
    const n = Buffer.byteLength(f.text);
    size += headerLength(n) + n;
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const f of frames) {
    const n = Buffer.byteLength(f.text);
    out[at] = 0x81; // FIN, opcode 1 (text)
    if (n < 126) out[at + 1] = n;
    else if (n < 65_536) {
      out[at + 1] = 126;
      out.writeUInt16BE(n, at + 2);
    } else {
      out[at + 1] = 127;
      out.writeBigUInt64BE(BigInt(n), at + 2);
    }
    at += headerLength(n);
    at += out.write(f.text, at);
  }
  return out;
}
