import { RpcNoResponderError, RpcTimeoutError, type Rpc } from '@dms/bus';
import type { ConsentState } from '@dms/contracts';
import type { Logger } from '@dms/service-kit';

/**
 * The subscriber's "change settings" consent, as diagnostics keeps it. Without an MSISDN,
 * or without an answer in time (diagnostics down, not deployed), the handset is asked:
 * the job then carries the 1101 confirm alert, the safe side of both errors.
 */
export async function checkChangeSettingsConsent(
  rpc: Rpc,
  msisdn: string | undefined,
  timeoutMs: number,
  logger: Logger,
): Promise<ConsentState> {
  if (msisdn === undefined) return 'not-asked';
  try {
    return (await rpc.request('diagnostics.check-consent.v1', { msisdn, category: 'change-settings' }, { timeoutMs })).state;
  } catch (error) {
    if (!(error instanceof RpcTimeoutError) && !(error instanceof RpcNoResponderError))
      logger.warn({ err: error, msisdn }, 'consent check failed; the handset will be asked');
    return 'not-asked';
  }
}
