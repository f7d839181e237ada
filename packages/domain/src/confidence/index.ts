export * from './alert-content';
export * from './alert-rule';
export * from './edge';
export * from './evidence';
export * from './prior';
export * from './wilson';
