import type { Rpc } from '@dms/bus';
import type { ConsentState } from '@dms/contracts';
import type { Logger } from '@dms/service-kit';
import type { ConsentLookup } from '../domain/update.service';

/**
 * update-firmware consent from diagnostics (diagnostics.check-consent.v1). No MSISDN, no
 * answer in time or any error: `not-asked`, so the job asks on the handset (1101) rather
 * than updating silently or not at all.
 */
export class RpcConsentLookup implements ConsentLookup {
  constructor(
    private readonly rpc: Rpc,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {}

  async updateFirmware(msisdn: string | undefined): Promise<ConsentState> {
    if (msisdn === undefined) return 'not-asked';
    try {
      const answer = await this.rpc.request('diagnostics.check-consent.v1', { msisdn, category: 'update-firmware' }, { timeoutMs: this.timeoutMs });
      return answer.state;
    } catch (err) {
      this.logger.warn({ err, msisdn }, 'consent check failed; the update job will ask on the handset');
      return 'not-asked';
    }
  }
}
