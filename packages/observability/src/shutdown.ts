import type { Logger } from 'pino';

export interface ShutdownStep {
  name: string;
  run: () => Promise<unknown>;
}

/**
 * Ordered, time-boxed shutdown: the first SIGTERM/SIGINT runs the steps in order within `timeoutMs`, a second
 * signal exits at once. Exit code 0 when every step finished in time, 1 otherwise.
 */
export function installShutdown(opts: {
  logger: Logger;
  timeoutMs: number;
  steps: ShutdownStep[];
  exit?: (code: number) => void;
}): { trigger: (reason: string) => Promise<void> } {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let started = false;
  const trigger = async (reason: string) => {
    if (started) {
      opts.logger.warn({ reason }, 'second shutdown signal: exiting now');
      exit(1);
      return;
    }
    started = true;
    opts.logger.info({ reason }, 'shutting down');
    const timer = setTimeout(() => {
      opts.logger.error({ timeoutMs: opts.timeoutMs }, 'shutdown deadline passed: exiting');
      exit(1);
    }, opts.timeoutMs);
    timer.unref();
    let code = 0;
    for (const step of opts.steps) {
      const started = Date.now();
      try {
        await step.run();
        opts.logger.info({ step: step.name, ms: Date.now() - started }, 'shutdown step done');
      } catch (err) {
        code = 1;
        opts.logger.error({ err, step: step.name }, 'shutdown step failed');
      }
    }
    clearTimeout(timer);
    opts.logger.info('shutdown complete');
    opts.logger.flush?.();
    exit(code);
  };
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => void trigger(sig));
  return { trigger };
}
