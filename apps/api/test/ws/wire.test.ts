import type { Frame } from '@tx/realtime';
import { describe, expect, it } from 'vitest';
import { encodeTextFrames } from '../../src/routes/ws/wire';

const frame = (text: string): Frame => ({ type: 'new_alert', seq: 1, ts: 0, text });

describe('encodeTextFrames', () => {
  it('writes final unmasked text frames with the three length forms of RFC 6455 §5.2, back to back', () => {
    const small = 'ü'.repeat(2); // 4 bytes: lengths count UTF-8 bytes, not characters
    const medium = 'm'.repeat(300);
    const large = 'l'.repeat(70_000);
    const out = encodeTextFrames([frame(small), frame(medium), frame(large)]);

    expect([...out.subarray(0, 2)]).toEqual([0x81, 4]);
    expect(out.toString('utf8', 2, 6)).toBe(small);
    expect([...out.subarray(6, 10)]).toEqual([0x81, 126, 0x01, 0x2c]);
    expect(out.toString('utf8', 10, 310)).toBe(medium);
    expect([...out.subarray(310, 320)]).toEqual([0x81, 127, 0, 0, 0, 0, 0, 0x01, 0x11, 0x70]);
    expect(out.toString('utf8', 320)).toBe(large);
    expect(out.length).toBe(320 + 70_000);
  });
});
