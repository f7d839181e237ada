// First, for its side effect: validates configuration and initialises Sentry before any other module is evaluated.
import './instrument';
import { flushSentry, installShutdown } from '@tx/observability';
import { closeWorkerDeps, createWorkerDeps } from './deps';
import { HANDLERS } from './handlers';
import { config } from './instrument';
import { buildRegistry } from './registry';
import { startWorkers } from './runtime';
import { registerSchedulers } from './schedulers';

// Worker process entry: one binary, WORKER_QUEUES chooses what it consumes, so each queue scales on its own.

const registry = buildRegistry(HANDLERS);
const deps = createWorkerDeps(config);
const log = deps.logger;

process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));
process.on('uncaughtException', (err) => {
  log.fatal({ err }, 'uncaught exception: exiting');
  void flushSentry(2000).finally(() => process.exit(1));
});

const running = await startWorkers(deps, registry, config.workerQueues);
await registerSchedulers(deps, config.workerQueues);

installShutdown({
  logger: log,
  timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  steps: [
    { name: 'workers', run: () => running.close() },
    { name: 'dependencies', run: () => closeWorkerDeps(deps) },
    { name: 'sentry', run: () => flushSentry(2000) },
  ],
});
