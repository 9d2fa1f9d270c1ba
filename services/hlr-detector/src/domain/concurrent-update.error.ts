import { OperationalError } from '@dms/service-kit';

/** Another instance kept changing this subscriber while we tried to apply an observation; the bus retries. */
export class ConcurrentUpdateError extends OperationalError {
  constructor(msisdn: string, attempts: number) {
    super('HLR_CONCURRENT_UPDATE', `state of ${msisdn} changed under us ${attempts} times`, {
      details: { msisdn, attempts },
    });
  }
}
