import { UserError } from '@dms/service-kit';
import type { z } from 'zod';

/** An event that does not match its topic's contract: rejected on publish, dead-lettered on consume. */
export class InvalidEventError extends UserError {
  static readonly code = 'EVENT_INVALID';
  /** One line, e.g. `imei: imei check digit (Luhn) is wrong; observedAt: Invalid ISO datetime`. */
  readonly reason: string;
  readonly topic: string;

  constructor(topic: string, reason: string, options: { cause?: unknown } = {}) {
    super(InvalidEventError.code, `invalid event on ${topic}: ${reason}`, { ...options, details: { topic, reason } });
    this.reason = reason;
    this.topic = topic;
  }

  static fromZod(topic: string, error: z.ZodError): InvalidEventError {
    return new InvalidEventError(topic, formatIssues(error.issues));
  }
}

/** Zod issues as `path: message` pairs on one line, root issues as `(root): message`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ')
    .replace(/[\r\n]+/g, ' ');
}
