import { createInProcessRpc } from './in-process-rpc.adapter';
import { InProcessRpcHub } from './in-process-rpc.hub';
import { defineRpcContract } from './rpc.contract';

defineRpcContract('in-process', () => {
  const hub = new InProcessRpcHub();
  return { endpoint: async () => createInProcessRpc({ hub }) };
});
