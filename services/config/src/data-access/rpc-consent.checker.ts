import type { Rpc } from '@dms/bus';
import type { ConsentState } from '@dms/contracts';
import type { Logger } from '@dms/service-kit';

export interface ConsentChecker {
  changeSettings(msisdn: string | undefined): Promise<ConsentState>;
}

/**
 * "change settings" consent from diagnostics (diagnostics.check-consent.v1). No MSISDN,
 * no answer in time, nobody serving the subject or any error: `not-asked`, so the job asks
 * the user on the handset (1101) rather than writing silently or not at all.
 */
export class RpcConsentChecker implements ConsentChecker {
  constructor(
    private readonly rpc: Rpc,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {}

  async changeSettings(msisdn: string | undefined): Promise<ConsentState> {
    if (msisdn === undefined) return 'not-asked';
    try {
      const answer = await this.rpc.request(
        'diagnostics.check-consent.v1',
        { msisdn, category: 'change-settings' },
        { timeoutMs: this.timeoutMs },
      );
      return answer.state;
    } catch (err) {
      this.logger.warn({ err, msisdn }, 'consent check failed; the job will ask on the handset');
      return 'not-asked';
    }
  }
}
