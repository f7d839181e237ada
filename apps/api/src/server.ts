// First, for its side effect: validates configuration and initialises Sentry before any other module is evaluated.
import './instrument';
import { flushSentry, installShutdown } from '@tx/observability';
import { evictionPolicy } from '@tx/queue';
import { buildApp } from './app';
import { closeAppDeps, createAppDeps } from './deps';
import { config } from './instrument';
import { VERSION } from './version';

// Process entry: configuration and Sentry first (./instrument), then the app; this file alone owns listen, signals
// and exit codes.

const deps = createAppDeps(config, VERSION);
const app = await buildApp(deps);
const log = deps.logger;

process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));
process.on('uncaughtException', (err) => {
  // postgres.js can throw from a timer when a backend dies inside a transaction (GUIDE: sharp edges): the state
  // is unknown, so log, flush and exit non-zero and let the supervisor restart us.
  log.fatal({ err }, 'uncaught exception: exiting');
  void flushSentry(2000).finally(() => process.exit(1));
});

void evictionPolicy(deps.redis).then((policy) => {
  if (policy && policy !== 'noeviction') {
    log.warn({ policy }, 'redis maxmemory-policy is not noeviction: queued jobs can be evicted and lost');
  }
});

installShutdown({
  logger: log,
  timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  steps: [
    {
      name: 'drain',
      run: async () => {
        // Readiness turns 503 at once; requests are still served while load balancers notice, then intake stops.
        deps.lifecycle.draining = true;
        await new Promise((r) => setTimeout(r, config.SHUTDOWN_DRAIN_MS));
      },
    },
    {
      name: 'http',
      run: async () => {
        // In-flight requests finish; keep-alive sockets that go idle afterwards are closed at once instead of
        // lingering for keepAliveTimeout (server.close() only closes the sockets idle at the moment it is called).
        const closing = app.close();
        const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
        try {
          await closing;
        } finally {
          clearInterval(sweep);
        }
      },
    },
    { name: 'dependencies', run: () => closeAppDeps(deps) },
    { name: 'sentry', run: () => flushSentry(2000) },
  ],
});

await app.listen({ port: config.PORT, host: config.HOST });
log.info({ port: config.PORT }, 'api listening');
