export * from './event-bus.port';
export * from './rpc.port';
