import { HttpError, UserError } from '@dms/service-kit';

/** No session cookie or bearer token, or one that expired or was revoked. */
export class NotSignedInError extends HttpError {
  constructor() {
    super(401, 'NOT_SIGNED_IN', 'sign in first (your session may have expired)');
  }
}

/** Wrong user name or password; deliberately the same answer for an unknown user. */
export class SignInFailedError extends HttpError {
  constructor() {
    super(401, 'SIGN_IN_FAILED', 'wrong user name or password');
  }
}

/** Too many failed sign-ins for this user name: wait, or ask an operator admin. */
export class SignInLockedError extends HttpError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super(
      429,
      'SIGN_IN_LOCKED',
      `too many failed sign-ins: try again in ${seconds} s or ask an operator admin`,
      {
        details: { retryAfterSeconds: seconds },
      },
    );
    this.retryAfterSeconds = seconds;
  }
}

/** The role may not use this route at all (a subscriber outside the caller's scope is a 404 instead). */
export class ForbiddenError extends HttpError {
  constructor(role: string) {
    super(403, 'FORBIDDEN', `the ${role} role may not do this`, { details: { role } });
  }
}

/** Unknown, or outside the caller's tenant: the same answer, so existence is not leaked. */
export class SubscriberNotFoundError extends HttpError {
  constructor(key: string) {
    super(404, 'SUBSCRIBER_NOT_FOUND', `no subscriber or handset ${key} that you may see`, {
      details: { key },
    });
  }
}

export class UserNotFoundError extends HttpError {
  constructor(username: string) {
    super(404, 'USER_NOT_FOUND', `no console user ${username}`, { details: { username } });
  }
}

export class UserExistsError extends HttpError {
  constructor(username: string) {
    super(409, 'USER_EXISTS', `console user ${username} exists already`, { details: { username } });
  }
}

/** A service the console asks over RPC does not answer (not deployed, down, or too slow). */
export class ServiceUnavailableError extends HttpError {
  constructor(service: string, reason: string) {
    super(503, 'SERVICE_UNAVAILABLE', `the ${service} service is unavailable (${reason}); try again later`, {
      details: { service, reason },
    });
  }
}

/** Bad input in a console request: the message says what to fix. */
export class ConsoleRequestError extends UserError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('CONSOLE_INVALID_REQUEST', message, details === undefined ? {} : { details });
  }
}

/** A route registered without an entry in the policy table: a programming error, caught at start. */
export class MissingPolicyError extends UserError {
  constructor(route: string) {
    super('CONSOLE_MISSING_POLICY', `route ${route} has no entry in the access policy`, {
      details: { route },
    });
  }
}

/** A console command (reset-admin) called without what it needs. */
export class UsageError extends UserError {
  constructor(message: string) {
    super('CONSOLE_USAGE', message);
  }
}
