// `node scripts/with-services.mjs <command…>`: runs the command (tests, benchmarks) with DATABASE_URL and REDIS_URL
// pointing at servers that answer, starting private ones under .data/ when none do.
import { spawn } from 'node:child_process';
import { ensureServices } from './services.mjs';

try {
  const env = await ensureServices({ database: 'test' });
  const [cmd, ...args] = process.argv.slice(2);
  const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, shell: false });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
