export * from './tree/element';
export * from './errors/syncml.error';
export * from './xml';
export * from './codes';
export * from './model';
export * from './mapping';
export * from './auth';
export * from './notification';
