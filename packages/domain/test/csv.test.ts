import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BarsCsvParser, CsvError, parseBarsCsv } from '../src';
import { loadReference } from './reference';

const HEADER = 'time,open,high,low,close,volume\n';

function errorOf(text: string): CsvError {
  try {
    parseBarsCsv(text);
  } catch (err) {
    if (err instanceof CsvError) return err;
    throw err;
  }
  throw new Error('expected a CsvError');
}

describe('parseBarsCsv', () => {
  it('reads columns and dates as epoch ms', () => {
    const bars = parseBarsCsv(`${HEADER}1998-01-02,63.8996,64.0441,63.3874,63.9325,2150000\n`);
    expect(bars.length).toBe(1);
    expect(bars.time[0]).toBe(Date.parse('1998-01-02'));
    expect([bars.open[0], bars.high[0], bars.low[0], bars.close[0], bars.volume[0]]).toEqual([
      63.8996, 64.0441, 63.3874, 63.9325, 2150000,
    ]);
  });

  it('accepts ISO times, integers, other Date.parse forms, and falls back to the row index for plain text', () => {
    const rows = [
      '1998-01-02T14:00:00Z',
      '1998-01-02T15:00:00.000Z',
      '1700000000000',
      'Jan 5 2000 10:00 GMT',
      'bar-x',
      '2000-02-30',
    ];
    const bars = parseBarsCsv(HEADER + rows.map((t) => `${t},1,2,0.5,1.5,10`).join('\n'));
    expect(Array.from(bars.time)).toEqual([
      Date.parse(rows[0]),
      Date.parse(rows[1]),
      1700000000000,
      Date.parse(rows[3]),
      4,
      Number.isNaN(Date.parse(rows[5])) ? 5 : Date.parse(rows[5]),
    ]);
  });

  it('reads dates and UTC date-times exactly as Date.parse does', () => {
    const instant = fc.integer({ min: -30_000_000_000, max: 200_000_000_000 }).map((s) => new Date(s * 1000));
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 50 }), (dates) => {
        const times = dates.flatMap((d) => [d.toISOString().slice(0, 10), `${d.toISOString().slice(0, 19)}Z`]);
        const bars = parseBarsCsv(HEADER + times.map((t) => `${t},1,1,1,1,1`).join('\n'));
        expect(Array.from(bars.time)).toEqual(times.map((t) => Date.parse(t)));
      }),
    );
  });

  it('takes bytes or text, CRLF line ends, blank lines and a missing final newline', () => {
    const text = `${HEADER.replace('\n', '\r\n')}a,1,2,0.5,1.5,10\r\n\r\nb,2,3,1,2,20`;
    const fromText = parseBarsCsv(text);
    const fromBytes = parseBarsCsv(new TextEncoder().encode(text));
    expect(fromText.length).toBe(2);
    expect(Array.from(fromBytes.close)).toEqual([1.5, 2]);
    expect(Array.from(fromText.volume)).toEqual([10, 20]);
  });

  it('returns an empty series for a header alone', () => {
    expect(parseBarsCsv(HEADER).length).toBe(0);
  });

  it('parses every number exactly as parseFloat does', () => {
    const decimal = fc.oneof(
      fc.double({ min: 1e-6, max: 1e9, noNaN: true }).map(String),
      fc.tuple(fc.nat(99_999_999), fc.nat(999_999_999_999)).map(([i, f]) => `${i}.${f}`),
      fc.tuple(fc.nat(999_999), fc.integer({ min: -30, max: 30 })).map(([m, e]) => `${m}e${e}`),
      fc.stringMatching(/^[0-9]{1,20}\.[0-9]{0,20}$/),
      fc.stringMatching(/^\.[0-9]{1,25}$/),
    );
    fc.assert(
      fc.property(fc.array(decimal, { minLength: 1, maxLength: 20 }), (values) => {
        const text = HEADER + values.map((v) => `t,${v},${v},${v},${v},${v}`).join('\n');
        const bars = parseBarsCsv(text);
        values.forEach((v, i) => {
          expect(Object.is(bars.close[i], Number.parseFloat(v)), `${v}`).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the sign of negative values and -0', () => {
    const bars = parseBarsCsv(`${HEADER}t,-1.5,-0,-2,-0.25,-0\n`);
    expect(bars.open[0]).toBe(-1.5);
    expect(Object.is(bars.high[0], -0)).toBe(true);
  });

  it.each([
    ['a missing column', 't,1,2,0.5,1.5\n', 3, 'missing column volume'],
    ['a missing time separator', 'garbage\n', 3, 'missing column open'],
    ['a non-numeric value', 't,1,two,0.5,1.5,10\n', 3, 'high is not a number: "two"'],
    ['an empty value', 't,1,2,,1.5,10\n', 3, 'low is not a number'],
    ['a trailing garbage value', 't,1,2,0.5,1.5x,10\n', 3, 'close is not a number'],
    ['high below low', 't,1,0.5,2,1.5,10\n', 3, 'high 0.5 < low 2'],
    ['an extra column', 't,1,2,0.5,1.5,10,11\n', 3, 'more than 6 columns'],
    ['infinity', 't,1,Infinity,0.5,1.5,10\n', 3, 'high is not a number'],
  ])('rejects %s with its 1-based line number', (_, row, line, message) => {
    const err = errorOf(`${HEADER}t,1,2,0.5,1.5,10\n${row}`);
    expect(err.line).toBe(line);
    expect(err.message).toContain(`line ${line}`);
    expect(err.message).toContain(message);
  });

  it('rejects an empty file', () => {
    expect(errorOf('').line).toBe(1);
  });

  it('gives the same bars and errors when fed in pieces (BarsCsvParser)', () => {
    const inPieces = (bytes: Uint8Array, size: number) => {
      const parser = new BarsCsvParser(bytes.length);
      let rest = new Uint8Array(0);
      for (let at = 0; at <= bytes.length; at += size) {
        const piece = new Uint8Array(rest.length + Math.min(size, Math.max(0, bytes.length - at)));
        piece.set(rest);
        piece.set(bytes.subarray(at, at + size), rest.length);
        rest = piece.slice(parser.parse(piece, at + size >= bytes.length));
      }
      return parser.finish();
    };
    const file = readFileSync(loadReference('daily-IBM').csvPath);
    const whole = parseBarsCsv(file);
    for (const size of [7, 100, 4096]) {
      const bars = inPieces(file, size);
      expect(bars.length, `pieces of ${size}`).toBe(whole.length);
      for (const key of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
        expect(bars[key], `${key}, pieces of ${size}`).toEqual(whole[key]);
      }
    }
    const bad = new TextEncoder().encode(`${HEADER}t,1,2,0.5,1.5,10\n\nt,1,2,0.5,1.5,10\nt,1,x,0.5,1.5,10\n`);
    expect(() => inPieces(bad, 5)).toThrow('line 5: high is not a number');
    expect(() => inPieces(new Uint8Array(0), 5)).toThrow('line 1: missing header line');
  });
});
