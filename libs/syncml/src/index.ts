export * from './tree/element';
export * from './errors/syncml.error';
