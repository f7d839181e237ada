/**
 * `tx detect --csv FILE (--json | --counts)`: runs every detector over a bar file, in the conventions of the TA-Lib
 * reference (../shared/reference/talib): one value per bar per function, null before its lookback. Chart patterns
 * and tweezers appear under their pattern ids as ±100 on confirmation bars.
 */
import { once } from 'node:events';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  type BarSeries,
  BarsCsvParser,
  CANDLE_FUNCTIONS,
  CHART_RULES,
  CsvError,
  countCandleOutputs,
  countChartPatterns,
  countReferenceIndicators,
  type Detections,
  detectAll,
  getPattern,
  type ReferenceIndicator,
  TWEEZERS,
} from '@tx/domain';

export const summary = 'detect patterns and indicators in a CSV of bars: --csv FILE (--json | --counts)';

/** Reference output names → indicator columns. */
const INDICATOR_KEYS: readonly [string, ReferenceIndicator][] = [
  ['SMA20', 'sma20'],
  ['EMA20', 'ema20'],
  ['RSI14', 'rsi14'],
  ['ATR14', 'atr14'],
  ['ADX14', 'adx14'],
  ['MACD', 'macd'],
  ['MACDSIGNAL', 'macdSignal'],
  ['MACDHIST', 'macdHist'],
  ['BBUPPER', 'bbUpper'],
  ['BBMIDDLE', 'bbMiddle'],
  ['BBLOWER', 'bbLower'],
  ['STOCHK', 'stochK'],
  ['STOCHD', 'stochD'],
  ['OBV', 'obv'],
];

/** One output column: pattern values (null before `lookback`) or an indicator (NaN → null). */
type Column =
  | { name: string; kind: 'pattern'; values: Int16Array; lookback: number }
  | { name: string; kind: 'indicator'; values: Float64Array };

export async function run(argv: string[]): Promise<number> {
  let options: { csv?: string; json?: boolean; counts?: boolean };
  try {
    options = parseArgs({
      args: argv,
      options: { csv: { type: 'string' }, json: { type: 'boolean' }, counts: { type: 'boolean' } },
    }).values;
  } catch (err) {
    return usage((err as Error).message);
  }
  if (!options.csv || options.json === options.counts) return usage('give --csv FILE and one of --json, --counts');
  let bars: BarSeries;
  try {
    bars = readBars(options.csv);
  } catch (err) {
    if (err instanceof CsvError || (err as NodeJS.ErrnoException).code !== undefined) {
      console.error(`tx detect: ${options.csv}: ${(err as Error).message}`);
      return 2;
    }
    throw err;
  }
  if (options.counts) await write(countLines(bars));
  else await writeJson(toColumns(detectAll(bars), bars.length), bars.length);
  return 0;
}

/** Bytes read at a time: the file goes through this buffer, never whole into memory. */
const READ_CHUNK = 1 << 20;

function readBars(file: string): BarSeries {
  const fd = openSync(file, 'r');
  try {
    const parser = new BarsCsvParser(fstatSync(fd).size);
    let buffer = new Uint8Array(READ_CHUNK);
    let filled = 0;
    for (;;) {
      if (filled === buffer.length) {
        // One line longer than the buffer: make room for the rest of it.
        const larger = new Uint8Array(buffer.length * 2);
        larger.set(buffer);
        buffer = larger;
      }
      const read = readSync(fd, buffer, filled, buffer.length - filled, null);
      filled += read;
      const used = parser.parse(buffer.subarray(0, filled), read === 0);
      buffer.copyWithin(0, used, filled);
      filled -= used;
      if (read === 0) return parser.finish();
    }
  } finally {
    closeSync(fd);
  }
}

function usage(problem: string): number {
  console.error(`tx detect: ${problem}\nusage: tx detect --csv FILE (--json | --counts)`);
  return 2;
}

function toColumns(detections: Detections, length: number): Column[] {
  const columns: Column[] = [];
  for (const fn of CANDLE_FUNCTIONS) {
    columns.push({ name: fn.name, kind: 'pattern', values: detections.candles.get(fn.name)!, lookback: fn.lookback });
  }
  for (const [name, key] of INDICATOR_KEYS) {
    columns.push({ name, kind: 'indicator', values: detections.indicators[key] });
  }
  for (const fn of TWEEZERS) {
    const id = fn.name.toLowerCase();
    columns.push({ name: id, kind: 'pattern', values: detections.candles.get(fn.name)!, lookback: fn.lookback });
  }
  const chart = new Map(CHART_RULES.map((rule) => [rule.id, new Int16Array(length)]));
  for (const d of detections.chart) chart.get(d.patternId)![d.barIndex] = 100 * d.direction;
  for (const [id, values] of chart) {
    columns.push({ name: id, kind: 'pattern', values, lookback: getPattern(id)!.lookback });
  }
  return columns;
}

/**
 * The --counts lines in the column order of --json, counted as the detectors run: candle functions are counted block
 * by block, indicators as each is computed and chart detections as each rule scans, so no column is kept that no
 * detector reads.
 */
function countLines(bars: BarSeries): string {
  const indicators = countReferenceIndicators(bars);
  const candles = countCandleOutputs(bars, [...CANDLE_FUNCTIONS, ...TWEEZERS]);
  let lines = '';
  CANDLE_FUNCTIONS.forEach((fn, f) => {
    lines += `${fn.name} ${candles[f]}\n`;
  });
  for (const [name, key] of INDICATOR_KEYS) lines += `${name} ${indicators.counts[key]}\n`;
  TWEEZERS.forEach((fn, f) => {
    lines += `${fn.name.toLowerCase()} ${candles[CANDLE_FUNCTIONS.length + f]}\n`;
  });
  // A rule detects at most once per bar: its count is the --json column's non-zero count.
  for (const [id, count] of countChartPatterns(bars, indicators.chart)) lines += `${id} ${count}\n`;
  return lines;
}

/** Values per string piece: big enough to amortise writes, small enough to keep memory flat. */
const CHUNK = 1 << 16;

async function writeJson(columns: Column[], length: number): Promise<void> {
  await write(`{"bars":${length},"functions":{`);
  for (let c = 0; c < columns.length; c++) {
    const column = columns[c];
    await write(`${c > 0 ? ',' : ''}${JSON.stringify(column.name)}:[`);
    for (let start = 0; start < length; start += CHUNK) {
      const end = Math.min(length, start + CHUNK);
      let piece = '';
      for (let i = start; i < end; i++) {
        piece += (i > 0 ? ',' : '') + format(column, i);
      }
      await write(piece);
    }
    await write(']');
  }
  await write('}}\n');
}

function format(column: Column, i: number): string {
  if (column.kind === 'pattern') return i < column.lookback ? 'null' : String(column.values[i]);
  const v = column.values[i];
  return Number.isNaN(v) ? 'null' : String(v);
}

/** Writes to stdout, waiting for the pipe to drain so a large output never buffers whole in memory. */
async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}
