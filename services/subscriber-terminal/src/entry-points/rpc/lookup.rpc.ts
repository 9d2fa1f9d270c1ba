import type { Rpc, RpcRegistration } from '@dms/bus';
import { rpcCatalog } from '@dms/contracts';
import { subscriberTerminalRpc } from '@dms/contracts/src/rpc/subscriber-terminal.rpc';
import { isDmsError, type Logger } from '@dms/service-kit';
import type { z } from 'zod';
import { parseSubscriberQuery } from '../../domain/subscriber-query';
import type { SubscriberLookupService } from '../../domain/subscriber-lookup.service';

type Subjects = typeof subscriberTerminalRpc;
type Subject = keyof Subjects;
type Handler<S extends Subject> = (
  request: z.infer<Subjects[S]['request']>,
) => Promise<z.infer<Subjects[S]['response']>>;

async function orNull<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (isDmsError(error) && error.kind === 'http' && 'status' in error && error.status === 404) return null;
    throw error;
  }
}

/** The RPC face of the lookups: not-found is a null answer, not an error, for callers that merely probe. */
export function lookupRpcHandlers(lookup: SubscriberLookupService): { [S in Subject]: Handler<S> } {
  return {
    'subscriber-terminal.get-subscriber.v1': async ({ msisdn }) => ({
      subscriber: await orNull(lookup.subscriber(msisdn)),
    }),
    'subscriber-terminal.get-terminal.v1': async ({ imei }) => ({
      terminal: await orNull(lookup.terminalView(imei)),
    }),
    'subscriber-terminal.query.v1': async ({ criteria }) => lookup.query(parseSubscriberQuery(criteria)),
  };
}

/**
 * Serves the lookups on the Rpc port. The port validates against the shared rpcCatalog, so
 * a subject not registered there yet is skipped with a warning instead of failing start-up.
 */
export async function serveLookupRpc(
  rpc: Rpc,
  lookup: SubscriberLookupService,
  logger: Logger,
): Promise<RpcRegistration[]> {
  const handlers = lookupRpcHandlers(lookup);
  const registrations: RpcRegistration[] = [];
  for (const subject of Object.keys(subscriberTerminalRpc) as Subject[]) {
    if (!Object.hasOwn(rpcCatalog, subject)) {
      logger.warn({ subject }, 'RPC subject not in the rpc catalog; not served');
      continue;
    }
    // The cast only bridges the catalog's static key set, which does not list these subjects until registered.
    registrations.push(await rpc.serve({ subject: subject as never, handler: handlers[subject] as never }));
  }
  return registrations;
}
