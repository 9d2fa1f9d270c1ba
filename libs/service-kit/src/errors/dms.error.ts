/**
 * The one base error of the project (STYLE.md 6). Code branches on `code` or on the
 * class, never on message text. `retriable` tells a caller (bus retry loop, HTTP client,
 * DM session) whether trying the same thing again may succeed.
 */
export type ErrorKind = 'user' | 'operational' | 'http';

export interface DmsErrorOptions {
  cause?: unknown;
  retriable?: boolean;
  details?: Readonly<Record<string, unknown>>;
}

export abstract class DmsError extends Error {
  abstract readonly kind: ErrorKind;
  readonly code: string;
  readonly retriable: boolean;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  protected constructor(code: string, message: string, retriable: boolean, options: DmsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = options.retriable ?? retriable;
    this.details = options.details;
  }
}

/** The caller sent something wrong (bad config value, invalid event, malformed message). Never retriable. */
export class UserError extends DmsError {
  readonly kind = 'user' as const;
  constructor(code: string, message: string, options: DmsErrorOptions = {}) {
    super(code, message, false, { ...options, retriable: false });
  }
}

/** Something in the environment failed (broker down, timeout, disk full). Retriable unless told otherwise. */
export class OperationalError extends DmsError {
  readonly kind = 'operational' as const;
  constructor(code: string, message: string, options: DmsErrorOptions = {}) {
    super(code, message, true, options);
  }
}

/** An error that maps to an HTTP answer (RFC 7807 problem+json). */
export class HttpError extends DmsError {
  readonly kind = 'http' as const;
  readonly status: number;
  constructor(status: number, code: string, message: string, options: DmsErrorOptions = {}) {
    super(code, message, status >= 500 && status !== 501, options);
    this.status = status;
  }
}

export function isDmsError(value: unknown): value is DmsError {
  return value instanceof DmsError;
}
