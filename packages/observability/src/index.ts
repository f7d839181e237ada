export * from './logger';
export * from './metrics';
export * from './sentry';
export * from './shutdown';
