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
const NINE = 57;
const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
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
  const parser = new BarsCsvParser(bytes.length);
  parser.parse(bytes, true);
  return parser.finish();
}

/**
 * `parseBarsCsv` fed in pieces, for a file read through one small reused buffer instead of whole (a million bars
 * are ~60 MB of text, whose fresh pages cost more than parsing them). Each `parse` call consumes the complete lines
 * at the start of its input; the caller passes the rest again with the next piece.
 */
export class BarsCsvParser {
  private bars: BarSeries = allocateBars(0);
  private rows = 0;
  /** 1-based number of the last line seen; 0 before the header. */
  private line = 0;

  /** `expectedBytes`: the whole input's size, to size the columns from the first piece's line lengths. */
  constructor(private readonly expectedBytes: number) {}

  /** Parses the complete lines of `bytes` (every line when `last`) and returns how many bytes it consumed. */
  parse(bytes: Uint8Array, last: boolean): number {
    const end = last ? bytes.length : bytes.lastIndexOf(NEWLINE) + 1;
    let pos = 0;
    if (this.line === 0) {
      if (last && bytes.length === 0) throw new CsvError(1, 'missing header line');
      const header = bytes.indexOf(NEWLINE);
      if (header < 0 && !last) return 0;
      this.line = 1;
      pos = header < 0 ? end : header + 1;
      this.allocate(bytes, pos, end);
    }
    const scanner = new Scanner(bytes.subarray(0, end));
    while (pos < end) {
      this.line++;
      if (bytes[pos] === NEWLINE || (bytes[pos] === CR && bytes[pos + 1] === NEWLINE)) {
        pos = bytes.indexOf(NEWLINE, pos) + 1; // a blank line
        continue;
      }
      if (this.rows === this.bars.length) this.grow();
      pos = scanner.row(pos, this.line, this.bars, this.rows++) + 1;
    }
    return end;
  }

  /** The bars parsed so far. */
  finish(): BarSeries {
    return this.rows === this.bars.length ? this.bars : sliceBars(this.bars, 0, this.rows);
  }

  /** Columns for the rows the whole input should hold, judged from the lines in bytes [from, to). */
  private allocate(bytes: Uint8Array, from: number, to: number): void {
    let lines = 0;
    for (let i = from; i < to; i++) if (bytes[i] === NEWLINE) lines++;
    if (to > from && bytes[to - 1] !== NEWLINE) lines++;
    // Given a piece, a quarter more than its average line length predicts (prices further on may be written with
    // fewer digits): growing copies every column into fresh memory, while column pages never written to cost nothing.
    const whole = to >= this.expectedBytes;
    const expected = whole || to === from ? 0 : Math.ceil(((this.expectedBytes - from) / (to - from)) * lines * 1.25);
    this.bars = allocateBars(Math.max(lines, expected));
  }

  private grow(): void {
    const old = this.bars;
    this.bars = allocateBars(Math.ceil(old.length * 1.5) + 16);
    for (const key of FIELDS) this.bars[key].set(old[key]);
  }
}

/** Reads fields straight from the bytes, one pass per line; `end` is where the last field stopped. */
class Scanner {
  end = 0;
  constructor(private readonly bytes: Uint8Array) {}

  /** Parses the line starting at `start` into row `row`; returns the position of its newline (or the end). */
  row(start: number, line: number, bars: BarSeries, row: number): number {
    const bytes = this.bytes;
    let i = start;
    while (i < bytes.length && bytes[i] !== COMMA && bytes[i] !== NEWLINE) i++;
    if (bytes[i] !== COMMA) throw new CsvError(line, 'missing column open');
    // Values go straight into the columns: a double returned from a call that is not inlined is boxed on the heap.
    if (!fastTime(bytes, start, i, bars.time, row)) bars.time[row] = parseTime(bytes, start, i, row);
    const { high, low } = bars;
    this.number(i + 1, line, 0, bars.open, row);
    this.number(this.end + 1, line, 1, high, row);
    this.number(this.end + 1, line, 2, low, row);
    this.number(this.end + 1, line, 3, bars.close, row);
    this.number(this.end + 1, line, 4, bars.volume, row);
    let end = this.end;
    if (bytes[end] === CR) end++;
    if (end < bytes.length && bytes[end] !== NEWLINE) {
      throw new CsvError(line, bytes[this.end] === COMMA ? 'more than 6 columns' : 'bad line end');
    }
    if (high[row] < low[row]) throw new CsvError(line, `high ${high[row]} < low ${low[row]}`);
    return end;
  }

  /**
   * Numeric field `f` (0 = open) from `start`, stored at `column[row]`. The common form, a plain decimal whose
   * digits make an integer below 2^53 and which ends where the field must end, is read in one pass; anything else (signs, spaces,
   * exponents, long mantissas, errors) goes to `field`.
   */
  private number(start: number, line: number, f: number, column: Float64Array, row: number): void {
    const bytes = this.bytes;
    let i = start;
    const negative = bytes[i] === MINUS;
    if (negative) i++;
    const intStart = i;
    let mantissa = 0;
    let c = bytes[i];
    while (c >= ZERO && c <= NINE) {
      mantissa = mantissa * 10 + (c - ZERO);
      c = bytes[++i];
    }
    let digits = i - intStart;
    let scale = 0;
    if (c === DOT) {
      const fracStart = ++i;
      c = bytes[i];
      while (c >= ZERO && c <= NINE) {
        mantissa = mantissa * 10 + (c - ZERO);
        c = bytes[++i];
      }
      scale = fracStart - i;
      digits += i - fracStart;
    }
    const delimited = f < 4 ? c === COMMA : c === NEWLINE || c === CR || i === bytes.length;
    // Below 2^53 the mantissa was accumulated exactly (past it, it stays past it, inexact or not).
    if (!delimited || digits === 0 || mantissa > Number.MAX_SAFE_INTEGER || scale < -22) {
      column[row] = this.field(start, line, f);
      return;
    }
    this.end = i;
    // As in parseNumber: an exact mantissa divided by an exact power of ten rounds once, like parseFloat.
    const magnitude = scale < 0 ? mantissa / POW10[-scale] : mantissa;
    column[row] = negative ? -magnitude : magnitude;
  }

  /** Numeric field `f` (0 = open) from `start`; must end at a comma, or at the line end for the last one. */
  private field(start: number, line: number, f: number): number {
    const bytes = this.bytes;
    let end = start;
    while (end < bytes.length && bytes[end] !== COMMA && bytes[end] !== NEWLINE && bytes[end] !== CR) end++;
    this.end = end;
    if (f < 4 && bytes[end] !== COMMA) throw new CsvError(line, `missing column ${FIELDS[f + 2]}`);
    const v = parseNumber(bytes, start, end);
    if (Number.isNaN(v)) {
      const text = latin1.decode(bytes.subarray(start, end));
      throw new CsvError(line, `${FIELDS[f + 1]} is not a number: "${text}"`);
    }
    return v;
  }
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

/**
 * Epoch ms of a time field `fastTime` does not take; falls back to the row index for text that is no time (keeps
 * file order).
 */
function parseTime(bytes: Uint8Array, start: number, end: number, row: number): number {
  const text = latin1.decode(bytes.subarray(start, end)).trim();
  if (/^-?\d+$/.test(text)) return Number(text);
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? row : parsed;
}

/**
 * YYYY-MM-DD and YYYY-MM-DDTHH:MM:SSZ without building a string (the common cases, a million times): stores the
 * epoch ms at `out[row]`, or returns false for any other text.
 */
function fastTime(bytes: Uint8Array, start: number, end: number, out: Float64Array, row: number): boolean {
  const len = end - start;
  if (len !== 10 && len !== 20) return false;
  if (bytes[start + 4] !== MINUS || bytes[start + 7] !== MINUS) return false;
  const year = digitsAt(bytes, start, 4);
  const month = digitsAt(bytes, start + 5, 2);
  const day = digitsAt(bytes, start + 8, 2);
  // Date.UTC maps years 0-99 to 1900-1999; leave those to Date.parse.
  if (!(year >= 100) || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  const dayMs = daysFromCivil(year, month, day) * 86_400_000;
  if (len === 10) {
    out[row] = dayMs;
    return true;
  }
  if (bytes[start + 10] !== 84 || bytes[start + 13] !== 58 || bytes[start + 16] !== 58 || bytes[start + 19] !== 90) {
    return false; // 'T', ':', ':', 'Z'
  }
  const hour = digitsAt(bytes, start + 11, 2);
  const minute = digitsAt(bytes, start + 14, 2);
  const second = digitsAt(bytes, start + 17, 2);
  if (!(hour < 24 && minute < 60 && second < 60)) return false;
  out[row] = dayMs + ((hour * 60 + minute) * 60 + second) * 1000;
  return true;
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

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), as Date.UTC counts them. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
}
