export * from './events';
export * from './job';
export * from './jobs';
export * from './queues';
