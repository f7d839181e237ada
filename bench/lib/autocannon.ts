import { spawn } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '../../node_modules/.bin/autocannon');

export interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; max: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  throughput: { average: number };
}

export interface CannonRun {
  url: string;
  connections: number;
  seconds: number;
  /** Requests per second for an open loop at a fixed rate; null runs closed loop at the maximum rate. */
  rate: number | null;
}

/** autocannon in a child process, so the server under test (in this process) keeps a core of its own. */
export function autocannon(run: CannonRun): Promise<CannonResult> {
  const args = ['-c', String(run.connections), '-d', String(run.seconds), '--json'];
  if (run.rate) args.push('-R', String(run.rate));
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, [...args, run.url], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as CannonResult) : reject(new Error(`autocannon exited ${code}`)),
    );
  });
}

/**
 * Runs autocannon and adds this process's CPU time per request (the servers live here): a figure that stays
 * comparable when other processes share the machine.
 */
export async function measure(run: CannonRun): Promise<CannonResult & { cpuUsPerReq: number }> {
  const before = process.cpuUsage();
  const r = await autocannon(run);
  const used = process.cpuUsage(before);
  return { ...r, cpuUsPerReq: (used.user + used.system) / Math.max(1, r.requests.total) };
}
