/**
 * `pnpm bench [name…]`: runs every suite in bench/suites (or the named ones) one after another and prints their
 * results. Each suite exports `default async function (): Promise<void>` and prints its own figures; the numbers
 * that matter are copied into docs/benchmarks.md with the machine and date.
 */
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const dir = join(import.meta.dirname, 'suites');
const wanted = process.argv.slice(2);
const suites = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => wanted.length === 0 || wanted.includes(name));

console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${new Date().toISOString()}`,
);
for (const name of suites) {
  console.log(`\n## ${name}`);
  const mod = (await import(join(dir, `${name}.ts`))) as { default: () => Promise<void> };
  await mod.default();
}
