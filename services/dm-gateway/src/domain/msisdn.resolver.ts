import { imeiOfDeviceId } from '@dms/contracts';
import { isDmsError, type Logger } from '@dms/service-kit';

/** Who knows a handset's current MSISDN (subscriber-terminal, over the Rpc port). */
export interface TerminalDirectory {
  /** The MSISDN the terminal with this IMEI is seen with now; undefined when unknown. */
  currentMsisdn(imei: string): Promise<string | undefined>;
}

export type MsisdnResolution =
  | { readonly msisdn: string; readonly source: 'job' | 'subscriber-terminal' }
  | { readonly msisdn?: undefined; readonly reason: string };

/**
 * Where a wake-up SMS goes, in this order: the MSISDN the job names; else, for an
 * `IMEI:<imei>` device id, the terminal's current MSISDN from subscriber-terminal; else
 * none, with the reason. A failing lookup (timeout, no responder) degrades to none: the
 * job stays queued and runs when the handset calls in by itself.
 */
export class MsisdnResolver {
  constructor(
    private readonly directory: TerminalDirectory | undefined,
    private readonly logger: Logger,
  ) {}

  async resolve(job: { readonly deviceId: string; readonly msisdn?: string | undefined }): Promise<MsisdnResolution> {
    if (job.msisdn !== undefined) return { msisdn: job.msisdn, source: 'job' };
    const imei = imeiOfDeviceId(job.deviceId);
    if (imei === undefined) return { reason: 'no MSISDN in the job and the device id is not IMEI:<imei>' };
    if (this.directory === undefined) return { reason: 'no MSISDN in the job and no subscriber-terminal lookup configured' };
    try {
      const msisdn = await this.directory.currentMsisdn(imei);
      if (msisdn === undefined) return { reason: 'subscriber-terminal knows no current MSISDN for the IMEI' };
      return { msisdn, source: 'subscriber-terminal' };
    } catch (err) {
      const code = isDmsError(err) ? err.code : 'UNKNOWN';
      this.logger.warn({ err, deviceId: job.deviceId }, 'MSISDN lookup in subscriber-terminal failed');
      return { reason: `subscriber-terminal lookup failed (${code})` };
    }
  }
}
