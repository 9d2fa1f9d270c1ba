import type { EventBus } from '@dms/bus';
import type { ConfigFailed } from '@dms/contracts';
import type { ConfigJob } from './device-config.model';

type FailedReason = ConfigFailed['reason'];

/**
 * config.applied.v1 / config.failed.v1. Event ids derive from the job (and the reason),
 * so a handler that runs again after a crash re-publishes the same fact, deduplicated
 * downstream, instead of announcing it twice.
 */
export class ConfigOutcomePublisher {
  constructor(private readonly bus: EventBus) {}

  async applied(job: ConfigJob): Promise<void> {
    await this.bus.publish(
      'config.applied.v1',
      {
        deviceId: job.deviceId,
        ...(job.msisdn === undefined ? {} : { msisdn: job.msisdn }),
        profileId: job.profileId,
        profileVersion: job.profileVersion,
        settings: job.settings,
        jobId: job._id,
        ...(job.campaignId === undefined ? {} : { campaignId: job.campaignId }),
        appliedAt: new Date().toISOString(),
      },
      { id: `${job._id}:applied`, correlationId: job.request.correlationId },
    );
  }

  async failed(
    job: Pick<ConfigJob, '_id' | 'deviceId' | 'msisdn' | 'profileId' | 'profileVersion' | 'attempt' | 'campaignId'> & { correlationId: string },
    reason: FailedReason,
    more: { status?: number; detail?: string; willRetry?: boolean } = {},
  ): Promise<void> {
    await this.bus.publish(
      'config.failed.v1',
      {
        deviceId: job.deviceId,
        ...(job.msisdn === undefined ? {} : { msisdn: job.msisdn }),
        profileId: job.profileId,
        profileVersion: job.profileVersion,
        jobId: job._id,
        ...(job.campaignId === undefined ? {} : { campaignId: job.campaignId }),
        reason,
        ...(more.status === undefined ? {} : { status: more.status }),
        ...(more.detail === undefined ? {} : { detail: more.detail }),
        attempts: job.attempt,
        willRetry: more.willRetry ?? false,
        failedAt: new Date().toISOString(),
      },
      { id: `${job._id}:failed:${reason}`, correlationId: job.correlationId },
    );
  }
}
