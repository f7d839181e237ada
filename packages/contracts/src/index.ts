export * from './job';
export * from './jobs';
export * from './queues';
