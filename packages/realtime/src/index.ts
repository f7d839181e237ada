export * from './channels';
export * from './publisher';
