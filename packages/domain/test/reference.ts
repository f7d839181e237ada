/** Loads the shared TA-Lib oracle (../shared beside the repository); fails loudly when it is missing. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type BarSeries, parseBarsCsv } from '../src';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
const talibDir = path.join(sharedDir, 'reference/talib');

export interface Reference {
  readonly name: string;
  readonly csvPath: string;
  readonly bars: BarSeries;
  readonly functions: Record<string, (number | null)[]>;
}

export function referenceNames(): string[] {
  if (!existsSync(talibDir)) throw new Error(`TA-Lib reference files missing: expected ${talibDir}`);
  return readdirSync(talibDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));
}

export function loadReference(name: string): Reference {
  const json = JSON.parse(readFileSync(path.join(talibDir, `${name}.json`), 'utf8')) as {
    functions: Record<string, (number | null)[]>;
  };
  const [folder, ...symbol] = name.split('-');
  const csvPath = path.join(sharedDir, 'data', folder, `${symbol.join('-')}.csv`);
  return { name, csvPath, bars: parseBarsCsv(readFileSync(csvPath)), functions: json.functions };
}

/** The oracle's tolerance (spec §2): |a-b| <= 1e-9·max(1,|b|); NaN stands for null. */
export function firstMismatch(actual: ArrayLike<number>, expected: (number | null)[]): string | null {
  if (actual.length !== expected.length) return `length ${actual.length} != ${expected.length}`;
  for (let i = 0; i < expected.length; i++) {
    const b = expected[i];
    const a = actual[i];
    const ok = b === null ? Number.isNaN(a) : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    if (!ok) return `bar ${i}: got ${a}, expected ${b}`;
  }
  return null;
}
