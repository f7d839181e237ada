export * from './channels';
export * from './frame';
export * from './hub';
export * from './publisher';
export * from './replay';
