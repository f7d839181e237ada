/**
 * `pnpm bench detect`: `tx detect --counts` on 1,000,000 bars against TA-Lib's C (`talibref -q`) on the same rows,
 * both as whole processes (parse + compute + print). Wall clock is the best of RUNS; peak RSS from /usr/bin/time -v
 * when present. Targets: within 2x TA-Lib, peak RSS < 1 GiB.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const ROWS = 1_000_000;
const RUNS = 3;
const root = path.resolve(import.meta.dirname, '../..');
const shared = path.resolve(root, '../shared');
const hasTimeV = existsSync('/usr/bin/time');

interface Measure {
  seconds: number;
  /** User + system CPU seconds (from /usr/bin/time): steadier than wall clock on a shared host. */
  cpuSeconds: number | null;
  rssMiB: number | null;
  stdout: string;
}

export default async function detectBench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tx-bench-detect-'));
  try {
    const { csv, rows } = writeInputs(dir);
    const bundle = path.join(dir, 'detect.mjs');
    await bundleCli(bundle);
    const ours = best(() => measure(['node', bundle, '--csv', csv, '--counts']));
    const viaTsx = best(() =>
      measure(['node', '--import', 'tsx', path.join(root, 'apps/cli/src/main.ts'), 'detect', '--csv', csv, '--counts']),
    );
    console.log(`rows: ${ROWS}`);
    console.log(`tx detect (bundled):    ${fmt(ours)}`);
    console.log(`tx detect (tsx source): ${fmt(viaTsx)}`);
    const talib = buildTalib();
    if (!talib) {
      console.log('talibref: build failed or unavailable (needs gcc and npm), TA-Lib comparison skipped');
      return;
    }
    const ref = best(() => measure([talib, '-q'], rows));
    console.log(`talibref -q (TA-Lib C): ${fmt(ref)}`);
    console.log(`tx/TA-Lib, bundled: ${ratio(ours, ref)}; tsx source: ${ratio(viaTsx, ref)}`);
    const mismatches = compareCounts(ref.stdout, ours.stdout);
    console.log(
      mismatches.length === 0 ? 'counts: identical on every shared name' : `count mismatches: ${mismatches.join(', ')}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 1M rows from the hourly files end to end, times rewritten to be one hour apart and increasing. */
function writeInputs(dir: string): { csv: string; rows: string } {
  const hourDir = path.join(shared, 'data/hour');
  if (!existsSync(hourDir)) throw new Error(`bench data missing: expected ${hourDir}`);
  const source = readdirSync(hourDir)
    .filter((f) => f.endsWith('.csv'))
    .flatMap((f) =>
      readFileSync(path.join(hourDir, f), 'utf8')
        .split('\n')
        .slice(1)
        .filter((line) => line.length > 0)
        .map((line) => line.slice(line.indexOf(',') + 1)),
    );
  const csv: string[] = ['time,open,high,low,close,volume'];
  const rows: string[] = [];
  const start = Date.UTC(1990, 0, 1);
  for (let i = 0; i < ROWS; i++) {
    const values = source[i % source.length];
    csv.push(`${new Date(start + i * 3_600_000).toISOString().slice(0, 19)}Z,${values}`);
    rows.push(values);
  }
  const files = { csv: path.join(dir, 'bars.csv'), rows: path.join(dir, 'rows.txt') };
  writeFileSync(files.csv, `${csv.join('\n')}\n`);
  writeFileSync(files.rows, `${rows.join('\n')}\n`);
  return files;
}

/** The detect command alone, bundled like a production build (no TypeScript transform at start-up). */
async function bundleCli(outfile: string): Promise<void> {
  const entry = path.join(path.dirname(outfile), 'entry.ts');
  writeFileSync(
    entry,
    `import { run } from ${JSON.stringify(path.join(root, 'apps/cli/src/commands/detect.ts'))};\n` +
      'process.exitCode = await run(process.argv.slice(2));\n',
  );
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'error',
  });
}

function buildTalib(): string | null {
  const out = path.join(tmpdir(), 'talibref');
  const result = spawnSync('bash', [path.join(shared, 'tools/talib-ref/build.sh'), out], { stdio: 'inherit' });
  const binary = path.join(out, 'talibref');
  return result.status === 0 && existsSync(binary) ? binary : null;
}

function measure(command: string[], stdinFile?: string): Measure {
  const argv = hasTimeV ? ['/usr/bin/time', '-v', ...command] : command;
  const stdin = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
  const started = performance.now();
  const result = spawnSync(argv[0], argv.slice(1), {
    stdio: [stdin, 'pipe', 'pipe'],
    maxBuffer: 1 << 26,
    encoding: 'utf8',
  });
  const seconds = (performance.now() - started) / 1000;
  if (typeof stdin === 'number') closeSync(stdin);
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed (${result.status}): ${result.stderr}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(result.stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(result.stderr);
  const cpuSeconds = user && system ? Number(user[1]) + Number(system[1]) : null;
  return { seconds, cpuSeconds, rssMiB: rss ? Number(rss[1]) / 1024 : null, stdout: result.stdout };
}

function best(run: () => Measure): Measure {
  const runs = Array.from({ length: RUNS }, run);
  return runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

function fmt(m: Measure): string {
  const cpu = m.cpuSeconds === null ? '' : `, ${m.cpuSeconds.toFixed(2)} s CPU`;
  return `${m.seconds.toFixed(2)} s wall${cpu}, peak RSS ${m.rssMiB === null ? 'n/a' : `${m.rssMiB.toFixed(0)} MiB`}`;
}

function ratio(ours: Measure, ref: Measure): string {
  const cpu = ours.cpuSeconds && ref.cpuSeconds ? `, CPU ${(ours.cpuSeconds / ref.cpuSeconds).toFixed(2)}x` : '';
  return `wall ${(ours.seconds / ref.seconds).toFixed(2)}x${cpu}`;
}

function compareCounts(reference: string, ours: string): string[] {
  const parse = (text: string) =>
    new Map(
      text
        .trim()
        .split('\n')
        .map((l) => l.split(' ') as [string, string]),
    );
  const mine = parse(ours);
  return [...parse(reference)]
    .filter(([name, n]) => mine.get(name) !== n)
    .map(([name, n]) => `${name} ${n}/${mine.get(name)}`);
}
