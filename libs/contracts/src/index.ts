export * from './envelope';
export * from './identifiers';
export * from './catalog';
export * from './rpc/rpc-catalog';
export * from './events/hlr-imei-observation.event';
export * from './events/combination-detected.event';
