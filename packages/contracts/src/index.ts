export * from './events';
export * from './job';
export * from './jobs';
export * from './jobs/label';
export * from './jobs/scan';
export * from './jobs/trade';
export * from './queues';
