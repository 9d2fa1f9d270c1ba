export * from './errors/dms.error';
