export * from './record';
export * from './window';
