export * from './bars';
export * from './config';
export * from './database';
export * from './env';
