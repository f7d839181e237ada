import { loadConfigOrExit } from '@tx/config';
import { initSentry } from '@tx/observability';

// Imported first by main.ts: configuration is validated and Sentry initialised before any other module loads.
export const config = loadConfigOrExit();
initSentry({ dsn: config.SENTRY_DSN, environment: config.SENTRY_ENVIRONMENT || config.NODE_ENV, release: 'worker' });
