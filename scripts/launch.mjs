// `pnpm start` (built bundles) and `pnpm dev` (sources, restart on change): finds or starts Postgres and Redis,
// migrates, seeds the demo user, then runs the API and one worker for every queue, and prints where everything is.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureServices } from './services.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const dev = process.argv.includes('--dev');

/** .env (if present) fills what the environment does not already set. */
function dotenv() {
  const file = join(ROOT, '.env');
  if (!existsSync(file)) return {};
  const out = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/);
    if (m && process.env[m[1]] === undefined) out[m[1]] = m[2].replace(/^["']|["']$/g, '');
  }
  return out;
}

const fileEnv = dotenv();
Object.assign(process.env, fileEnv);
let services;
try {
  services = await ensureServices({ database: 'tx' });
} catch (err) {
  console.error(err.message);
  process.exit(1);
}

const env = {
  NODE_ENV: 'development',
  PORT: '8080',
  // Development-only secrets; production sets its own (config refuses to boot without them).
  SECRET_KEY: 'dev-secret-key-change-me-in-production',
  ADMIN_PASSWORD: 'admin',
  ...process.env,
  ...services,
};
const port = env.PORT;
const run = (args) => (dev ? ['tsx', ...args] : ['node', ...args]);
const entry = (app, src, dist) => join(ROOT, 'apps', app, dev ? src : dist);

for (const step of ['migrate', 'seed']) {
  const [cmd, ...args] = run([entry('cli', 'src/main.ts', 'dist/main.js'), step]);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env, cwd: ROOT });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const children = [];
function start(name, file) {
  const [cmd, ...args] = dev ? ['tsx', 'watch', '--clear-screen=false', file] : run([file]);
  const child = spawn(cmd, args, { stdio: 'inherit', env, cwd: ROOT });
  child.on('exit', (code, signal) => {
    console.error(`${name} exited (${signal ?? code})`);
    if (!stopping) shutdown(code ?? 1);
  });
  children.push(child);
}

let stopping = false;
function shutdown(code) {
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 26_000).unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))).then(() =>
    process.exit(code),
  );
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

start('api', entry('api', 'src/server.ts', 'dist/server.js'));
start('worker', entry('worker', 'src/main.ts', 'dist/main.js'));

// Announce once the API answers.
for (let i = 0; i < 120 && !stopping; i++) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    if (res.ok) {
      const base = `http://localhost:${port}`;
      console.log(`
TX is up (${dev ? 'dev, restarts on change' : 'built'}):
  API          ${base}/api/health
  Health       ${base}/health   ${base}/health/detailed
  Docs         ${base}/docs
  Bull Board   ${base}/admin/queues   (user ${env.ADMIN_USERNAME ?? 'admin'}, password from ADMIN_PASSWORD)
  Metrics      ${base}/metrics
  WebSocket    ws://localhost:${port}/ws
  Postgres     ${services.DATABASE_URL.replace(/\/\/[^@]*@/, '//')}   Redis ${services.REDIS_URL}
Ctrl-C stops everything.`);
      break;
    }
  } catch {}
  await new Promise((r) => setTimeout(r, 500));
}
