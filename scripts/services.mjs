// Finds Postgres and Redis for local runs (DATABASE_URL / REDIS_URL, else the local defaults), and where nothing
// answers starts private instances under .data/ — or says exactly what to install. Used by launch.mjs and
// with-services.mjs; never by product code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import postgres from 'postgres';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = join(ROOT, '.data');
const PRIVATE_PG_PORT = 54329;
const PRIVATE_REDIS_PORT = 63799;

export function reachable(host, port, timeoutMs = 1000) {
  return new Promise((done) => {
    const socket = createConnection({ host, port });
    const finish = (ok) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

function hostPort(url, defaultPort) {
  const u = new URL(url);
  return [u.hostname || '127.0.0.1', Number(u.port || defaultPort)];
}

function which(bin) {
  const found = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  // Debian keeps the server binaries off PATH.
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    for (const v of readdirSync(base).sort().reverse()) {
      const p = join(base, v, 'bin', bin);
      if (existsSync(p)) return p;
    }
  }
  return null;
}

async function waitFor(host, port, seconds) {
  for (let i = 0; i < seconds * 10; i++) {
    if (await reachable(host, port, 200)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

const INSTALL_HELP = `Install them, or point DATABASE_URL / REDIS_URL at running servers:
  Debian/Ubuntu: sudo apt-get install postgresql redis-server
  macOS:         brew install postgresql@16 redis
  Docker:        docker compose up -d postgres redis`;

async function startPrivatePostgres() {
  const initdb = which('initdb');
  const pgCtl = which('pg_ctl');
  if (!initdb || !pgCtl) return null;
  const dir = join(DATA, 'postgres');
  const asRoot = process.getuid?.() === 0;
  // Postgres refuses to run as root: run it as the `postgres` system user when we are root.
  const runAs = (cmd, args) =>
    asRoot
      ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', [cmd, ...args].map((a) => `'${a}'`).join(' ')], {
          stdio: 'inherit',
        })
      : spawnSync(cmd, args, { stdio: 'inherit' });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    mkdirSync(dir, { recursive: true });
    if (asRoot) spawnSync('chown', ['-R', 'postgres', DATA]);
    const r = runAs(initdb, ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    if (r.status !== 0) return null;
  }
  const r = runAs(pgCtl, [
    '-D',
    dir,
    '-l',
    join(dir, 'server.log'),
    '-o',
    `-p ${PRIVATE_PG_PORT} -k /tmp -c listen_addresses=127.0.0.1`,
    '-w',
    'start',
  ]);
  if (r.status !== 0) return null;
  return `postgres://postgres@127.0.0.1:${PRIVATE_PG_PORT}/postgres`;
}

async function startPrivateRedis() {
  const bin = which('redis-server');
  if (!bin) return null;
  const dir = join(DATA, 'redis');
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(
    bin,
    [
      '--daemonize',
      'yes',
      '--port',
      String(PRIVATE_REDIS_PORT),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
      '--logfile',
      join(dir, 'redis.log'),
    ],
    { stdio: 'inherit' },
  );
  if (r.status !== 0 || !(await waitFor('127.0.0.1', PRIVATE_REDIS_PORT, 10))) return null;
  return `redis://127.0.0.1:${PRIVATE_REDIS_PORT}`;
}

/** Creates the named database when the server answers but it does not exist yet. */
async function ensureDatabase(url) {
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!name) return;
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const sql = postgres(adminUrl.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    const [row] = await sql`select 1 as ok from pg_database where datname = ${name}`;
    if (!row) await sql.unsafe(`create database "${name.replaceAll('"', '')}"`);
  } finally {
    await sql.end({ timeout: 2 });
  }
}

/**
 * Returns { DATABASE_URL, REDIS_URL } that answer, starting private servers when needed. `database` names the
 * database to use on a server we find or start (created if missing).
 */
export async function ensureServices({ database }) {
  let dbUrl = process.env.DATABASE_URL;
  if (!dbUrl) {
    const local = `postgres://postgres@127.0.0.1:5432/${database}`;
    const priv = `postgres://postgres@127.0.0.1:${PRIVATE_PG_PORT}/${database}`;
    if (await reachable('127.0.0.1', 5432)) dbUrl = local;
    else if (await reachable('127.0.0.1', PRIVATE_PG_PORT)) dbUrl = priv;
    else if (await startPrivatePostgres()) dbUrl = priv;
    else throw new Error(`No PostgreSQL answers on 127.0.0.1:5432 and none could be started.\n${INSTALL_HELP}`);
  } else if (!(await reachable(...hostPort(dbUrl, 5432)))) {
    throw new Error(`DATABASE_URL does not answer (${hostPort(dbUrl, 5432).join(':')}).\n${INSTALL_HELP}`);
  }
  await ensureDatabase(dbUrl);

  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    if (await reachable('127.0.0.1', 6379)) redisUrl = 'redis://127.0.0.1:6379';
    else if (await reachable('127.0.0.1', PRIVATE_REDIS_PORT)) redisUrl = `redis://127.0.0.1:${PRIVATE_REDIS_PORT}`;
    else redisUrl = await startPrivateRedis();
    if (!redisUrl) throw new Error(`No Redis answers on 127.0.0.1:6379 and none could be started.\n${INSTALL_HELP}`);
  } else if (!(await reachable(...hostPort(redisUrl, 6379)))) {
    throw new Error(`REDIS_URL does not answer (${hostPort(redisUrl, 6379).join(':')}).\n${INSTALL_HELP}`);
  }
  return { DATABASE_URL: dbUrl, REDIS_URL: redisUrl };
}
