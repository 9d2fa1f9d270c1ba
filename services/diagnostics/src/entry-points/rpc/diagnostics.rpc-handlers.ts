import type { Rpc, RpcRegistration } from '@dms/bus';
import { diagnosticsRpc } from '@dms/contracts';
import type { z } from 'zod';
import type { ConsentService } from '../../domain/consent.service';
import type { DiagnosticsQueryService } from '../../domain/diagnostics-query.service';

type Subjects = typeof diagnosticsRpc;
type Subject = keyof Subjects;
type Handler<S extends Subject> = (request: z.output<Subjects[S]['request']>) => Promise<z.input<Subjects[S]['response']>>;

export function diagnosticsRpcHandlers(consent: ConsentService, queries: DiagnosticsQueryService): { [S in Subject]: Handler<S> } {
  return {
    'diagnostics.check-consent.v1': ({ msisdn, category }) => consent.check(msisdn, category),
    'diagnostics.get-consent.v1': async ({ msisdn }) => ({ grants: await consent.ofSubscriber(msisdn) }),
    'diagnostics.set-consent.v1': async (request) => ({ grant: await consent.decide(request) }),
    'diagnostics.run.v1': (request) => queries.run(request),
    'diagnostics.list-reports.v1': async ({ msisdn, deviceId, limit }) => ({
      reports: await queries.list({
        ...(msisdn === undefined ? {} : { msisdn }),
        ...(deviceId === undefined ? {} : { deviceId }),
        limit,
      }),
    }),
  };
}

/** Serves every diagnostics.* subject (queue group = subject: one instance answers each request). */
export async function serveDiagnosticsRpc(rpc: Rpc, consent: ConsentService, queries: DiagnosticsQueryService): Promise<RpcRegistration[]> {
  const handlers = diagnosticsRpcHandlers(consent, queries);
  const registrations: RpcRegistration[] = [];
  for (const subject of Object.keys(diagnosticsRpc) as Subject[])
    // The cast bridges the mapped handler type to the port's generic one; both come from the same schemas.
    registrations.push(await rpc.serve({ subject, handler: handlers[subject] as never }));
  return registrations;
}
