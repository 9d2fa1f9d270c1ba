export * from './service-adapters';
export * from './service-http';
