import { loadConfigOrExit } from '@tx/config';
import { initSentry } from '@tx/observability';
import { VERSION } from './version';

// Imported first by server.ts: configuration is validated and Sentry initialised before any other module loads.
export const config = loadConfigOrExit();
initSentry({ dsn: config.SENTRY_DSN, environment: config.SENTRY_ENVIRONMENT || config.NODE_ENV, release: VERSION });
