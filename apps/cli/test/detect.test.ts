import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const shared = path.resolve(repoRoot, '../shared');
const main = path.join(repoRoot, 'apps/cli/src/main.ts');

function tx(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', main, 'detect', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function reference(name: string): { bars: number; functions: Record<string, (number | null)[]> } {
  const file = path.join(shared, 'reference/talib', `${name}.json`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

describe('tx detect', () => {
  const csv = path.join(shared, 'data/daily/IBM.csv');
  const ref = reference('daily-IBM');

  it('prints the reference JSON shape and values (--json)', () => {
    const { code, stdout, stderr } = tx('--csv', csv, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { bars: number; functions: Record<string, (number | null)[]> };
    expect(out.bars).toBe(ref.bars);
    for (const key of Object.keys(ref.functions)) expect(out.functions[key], key).toHaveLength(ref.bars);
    for (const name of ['CDLENGULFING', 'CDLHIKKAKE', 'CDLDOJI', 'CDLMORNINGSTAR']) {
      expect(out.functions[name], name).toEqual(ref.functions[name]);
    }
    for (const name of ['RSI14', 'MACDHIST', 'BBUPPER', 'STOCHD', 'ADX14']) {
      ref.functions[name].forEach((b, i) => {
        const a = out.functions[name][i];
        if (b === null) expect(a, `${name} bar ${i}`).toBeNull();
        else expect(Math.abs(a! - b), `${name} bar ${i}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
      });
    }
    for (const id of ['tx_tweezer_bottom', 'golden_cross', 'double_top', 'bull_flag']) {
      expect(
        out.functions[id].every((v) => v === null || v === 0 || v === 100 || v === -100),
        id,
      ).toBe(true);
    }
  });

  it('prints one count line per key, equal to TA-Lib counts on shared names (--counts)', () => {
    const { code, stdout } = tx('--csv', csv, '--counts');
    expect(code).toBe(0);
    const counts = new Map(
      stdout
        .trim()
        .split('\n')
        .map((line) => line.split(' ') as [string, string]),
    );
    for (const [name, values] of Object.entries(ref.functions)) {
      const expected = name.startsWith('CDL')
        ? values.filter((v) => v !== null && v !== 0).length
        : values.filter((v) => v !== null).length;
      expect(Number(counts.get(name)), name).toBe(expected);
    }
    expect(counts.has('head_shoulders')).toBe(true);
  });

  it.each([
    ['a non-numeric value', 'time,open,high,low,close,volume\nd,1,2,0.5,1,10\nd,1,2,0.5,x,10\n', 3],
    ['a missing column', 'time,open,high,low,close,volume\nd,1,2,0.5,1,10\nd,1,2,0.5,1,10\nd,1,2\n', 4],
    ['high below low', 'time,open,high,low,close,volume\nd,1,0.5,2,1,10\n', 2],
  ])('exits 2 on %s with the line number on stderr and nothing on stdout', (_, text, line) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tx-detect-')), 'bad.csv');
    writeFileSync(file, text);
    const { code, stdout, stderr } = tx('--csv', file, '--json');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`line ${line}`);
  });

  it('exits 2 with usage for a missing file or missing options', () => {
    expect(tx('--csv', '/nonexistent.csv', '--counts').code).toBe(2);
    expect(tx('--json').code).toBe(2);
  });
});
