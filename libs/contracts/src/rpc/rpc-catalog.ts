import { z } from 'zod';
import { configRpc } from './config.rpc';
import { diagnosticsRpc } from './diagnostics.rpc';
import { subscriberTerminalRpc } from './subscriber-terminal.rpc';

/**
 * Request/reply subjects (NATS). Names are `<service>.<query>.vN`.
 */
export interface RpcDefinition<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly request: Req;
  readonly response: Res;
  readonly doc: string;
}

function define<Req extends z.ZodType, Res extends z.ZodType>(
  def: RpcDefinition<Req, Res>,
): RpcDefinition<Req, Res> {
  return def;
}

export const rpcCatalog = {
  /** Used by the RPC contract suite and by health probes: echoes its input. */
  'system.echo.v1': define({
    request: z.object({
      text: z.string(),
      delayMs: z.number().int().min(0).max(60_000).optional(),
      fail: z.string().optional(),
    }),
    response: z.object({ text: z.string(), servedBy: z.string() }),
    doc: 'Echo, for contract tests and liveness of the RPC fabric.',
  }),
  /** Used by the RPC contract suite: its handler calls system.echo.v1, as a service asking another one. */
  'system.relay.v1': define({
    request: z.object({ text: z.string() }),
    response: z.object({ text: z.string(), servedBy: z.string(), via: z.string() }),
    doc: 'Relays to system.echo.v1 and says who answered; checks calls made from inside a handler.',
  }),
  ...subscriberTerminalRpc,
  ...diagnosticsRpc,
  ...configRpc,
} as const;

export type RpcCatalog = typeof rpcCatalog;
export type RpcSubject = keyof RpcCatalog;
export type RpcRequest<S extends RpcSubject> = z.infer<RpcCatalog[S]['request']>;
export type RpcResponse<S extends RpcSubject> = z.infer<RpcCatalog[S]['response']>;
