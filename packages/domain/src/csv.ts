import { allocateBars, type BarSeries, sliceBars } from './bars';

/** A malformed bar file; `line` is 1-based and counts the header. */
export class CsvError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'CsvError';
  }
}

const COMMA = 44;
const NEWLINE = 10;
const CR = 13;
const SPACE = 32;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'];
/** 10^k for k <= 22 is exact in a double, so m·10^k and m/10^k round once, exactly like parseFloat. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const latin1 = new TextDecoder('latin1');

/**
 * Parses `time,open,high,low,close,volume` rows after one header line into columns. Numbers equal parseFloat of
 * their text: short decimals take an exact fast path, anything longer goes through parseFloat itself. Times are
 * epoch ms (ISO dates and date-times, via Date.parse rules), plain integers as written, and the row index when
 * the text is not a time at all, so the series keeps file order.
 */
export function parseBarsCsv(input: string | Uint8Array): BarSeries {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const length = bytes.length;
  if (length === 0) throw new CsvError(1, 'missing header line');
  let pos = 0;
  while (pos < length && bytes[pos] !== NEWLINE) pos++;
  let rows = 0;
  for (let i = pos + 1; i < length; i++) if (bytes[i] === NEWLINE) rows++;
  if (length > 0 && bytes[length - 1] !== NEWLINE) rows++;
  const bars = allocateBars(rows);
  let n = 0;
  let line = 1;
  while (pos < length) {
    pos++; // past the newline
    line++;
    let end = pos;
    while (end < length && bytes[end] !== NEWLINE) end++;
    const stop = end > pos && bytes[end - 1] === CR ? end - 1 : end;
    if (stop > pos) {
      parseRow(bytes, pos, stop, line, bars, n);
      n++;
    }
    pos = end;
  }
  return n === bars.length ? bars : sliceBars(bars, 0, n);
}

const row5 = new Float64Array(5);

/** One non-blank line [start, stop) into row `row` of `bars`. */
function parseRow(bytes: Uint8Array, start: number, stop: number, line: number, bars: BarSeries, row: number): void {
  let comma = start;
  while (comma < stop && bytes[comma] !== COMMA) comma++;
  if (comma === stop) throw new CsvError(line, 'missing column open');
  bars.time[row] = parseTime(bytes, start, comma, row);
  for (let f = 0; f < 5; f++) {
    const from = comma + 1;
    comma = from;
    while (comma < stop && bytes[comma] !== COMMA) comma++;
    if (f < 4 && comma === stop) throw new CsvError(line, `missing column ${FIELDS[f + 2]}`);
    if (f === 4 && comma !== stop) throw new CsvError(line, 'more than 6 columns');
    const v = parseNumber(bytes, from, comma);
    if (Number.isNaN(v)) {
      const text = latin1.decode(bytes.subarray(from, comma));
      throw new CsvError(line, `${FIELDS[f + 1]} is not a number: "${text}"`);
    }
    row5[f] = v;
  }
  if (row5[1] < row5[2]) throw new CsvError(line, `high ${row5[1]} < low ${row5[2]}`);
  bars.open[row] = row5[0];
  bars.high[row] = row5[1];
  bars.low[row] = row5[2];
  bars.close[row] = row5[3];
  bars.volume[row] = row5[4];
}

/** A finite decimal number (optional sign, digits with an optional dot, optional exponent), else NaN. */
function parseNumber(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && bytes[start] === SPACE) start++;
  while (end > start && bytes[end - 1] === SPACE) end--;
  let i = start;
  const negative = bytes[i] === MINUS;
  if (negative || bytes[i] === PLUS) i++;
  let mantissa = 0;
  let digits = 0;
  let significant = 0;
  let scale = 0;
  let seenDot = false;
  for (; i < end; i++) {
    const c = bytes[i];
    const d = c - ZERO;
    if (d >= 0 && d <= 9) {
      digits++;
      if (significant > 0 || d !== 0) significant++;
      mantissa = mantissa * 10 + d;
      if (seenDot) scale--;
    } else if (c === DOT && !seenDot) {
      seenDot = true;
    } else break;
  }
  if (digits === 0) return Number.NaN;
  if (i < end) {
    if ((bytes[i] | 0x20) !== 101) return Number.NaN; // 'e' or 'E'
    let j = i + 1;
    const expNegative = bytes[j] === MINUS;
    if (expNegative || bytes[j] === PLUS) j++;
    let exp = 0;
    let expDigits = 0;
    for (; j < end; j++) {
      const d = bytes[j] - ZERO;
      if (d < 0 || d > 9) return Number.NaN;
      exp = exp * 10 + d;
      expDigits++;
    }
    if (expDigits === 0 || exp > 1e6) return slowNumber(bytes, start, end);
    scale += expNegative ? -exp : exp;
  }
  if (significant > 15 || scale < -22 || scale > 22) return slowNumber(bytes, start, end);
  const magnitude = scale < 0 ? mantissa / POW10[-scale] : mantissa * POW10[scale];
  return negative ? -magnitude : magnitude;
}

function slowNumber(bytes: Uint8Array, start: number, end: number): number {
  const v = Number.parseFloat(latin1.decode(bytes.subarray(start, end)));
  return Number.isFinite(v) ? v : Number.NaN;
}

/** Epoch ms of the time field; falls back to the row index for text that is no time (keeps file order). */
function parseTime(bytes: Uint8Array, start: number, end: number, row: number): number {
  const fast = fastTime(bytes, start, end);
  if (!Number.isNaN(fast)) return fast;
  const text = latin1.decode(bytes.subarray(start, end)).trim();
  if (/^-?\d+$/.test(text)) return Number(text);
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? row : parsed;
}

/** YYYY-MM-DD and YYYY-MM-DDTHH:MM:SSZ without building a string (the common cases, a million times). */
function fastTime(bytes: Uint8Array, start: number, end: number): number {
  const len = end - start;
  if (len !== 10 && len !== 20) return Number.NaN;
  if (bytes[start + 4] !== MINUS || bytes[start + 7] !== MINUS) return Number.NaN;
  const year = digitsAt(bytes, start, 4);
  const month = digitsAt(bytes, start + 5, 2);
  const day = digitsAt(bytes, start + 8, 2);
  // Date.UTC maps years 0-99 to 1900-1999; leave those to Date.parse.
  if (!(year >= 100) || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (len === 10) return Date.UTC(year, month - 1, day);
  if (bytes[start + 10] !== 84 || bytes[start + 13] !== 58 || bytes[start + 16] !== 58 || bytes[start + 19] !== 90) {
    return Number.NaN; // 'T', ':', ':', 'Z'
  }
  const hour = digitsAt(bytes, start + 11, 2);
  const minute = digitsAt(bytes, start + 14, 2);
  const second = digitsAt(bytes, start + 17, 2);
  if (!(hour < 24 && minute < 60 && second < 60)) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

function digitsAt(bytes: Uint8Array, start: number, count: number): number {
  let v = 0;
  for (let i = start; i < start + count; i++) {
    const d = bytes[i] - ZERO;
    if (d < 0 || d > 9) return Number.NaN;
    v = v * 10 + d;
  }
  return v;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
}
