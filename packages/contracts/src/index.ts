export * from './events';
export * from './job';
export * from './jobs';
export * from './queues';
export * from './jobs/label';
export * from './jobs/scan';
