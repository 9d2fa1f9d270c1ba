export * from './tree/element';
