export * from './document-store.port';
export * from './key-value-store.port';
