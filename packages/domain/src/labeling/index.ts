export * from './timeframes';
export * from './triple-barrier';
