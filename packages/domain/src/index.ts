export * from './bars';
export * from './csv';
export * from './indicators';
export * from './patterns';
export * from './candles';
export * from './registry';
export * from './context';
export * from './detect';
