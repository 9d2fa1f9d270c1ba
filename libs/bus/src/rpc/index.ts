export * from './rpc.errors';
export type { RpcLogger } from './rpc-logger';
export { silentRpcLogger } from './rpc-logger';
export { DEFAULT_RPC_TIMEOUT_MS } from './rpc.defaults';
export { createInProcessRpc, type InProcessRpcOptions } from './in-process-rpc.adapter';
export { InProcessRpcHub } from './in-process-rpc.hub';
export { createNatsRpc, type NatsRpcOptions } from './nats-rpc.adapter';
export { RPC_REMOTE_FAILED, type RpcWireError, type RpcWireReply } from './rpc-wire.codec';
