import { createHash, randomUUID } from 'node:crypto';

/** A report id derived from the input event's id: a redelivered trigger finds its own report. */
export function reportIdFromEvent(prefix: 'cd' | 'alert', eventId: string): string {
  return `${prefix}-${createHash('sha256').update(eventId).digest('hex').slice(0, 32)}`;
}

export function newReportId(): string {
  return `run-${randomUUID()}`;
}

// The DevId of an IMEI is shared by every service that turns a subscriber's IMEI into a job target.
export { deviceIdOfImei, imei15 } from '@dms/contracts';
