import type { NextFunction, Request, Response } from 'express';
import { NotSignedInError } from '../../domain/console.errors';
import type { Principal } from '../../domain/roles';
import type { SessionService } from '../../domain/session.service';
import { principalOf, type UserService } from '../../domain/user.service';
import { sessionTokenOf } from './session.cookie';

export interface Authenticated {
  principal: Principal;
  token: string;
}

/** The caller as authenticate() found it; routes without a policy of PUBLIC always have one. */
export function callerOf(res: Response): Authenticated {
  const caller = res.locals['caller'] as Authenticated | undefined;
  if (caller === undefined) throw new NotSignedInError();
  return caller;
}

/**
 * Resolves the session of the request and re-reads the user, so that disabling a user or
 * resetting its password ends its sessions at once, on every instance.
 */
export function authenticate(sessions: SessionService, users: UserService) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const token = sessionTokenOf(req);
    const session = token === undefined ? null : await sessions.resolve(token);
    if (token === undefined || session === null) throw new NotSignedInError();
    const user = await users.stillValid(session.principal.username, session.createdAt);
    if (user === null) {
      await sessions.close(token);
      throw new NotSignedInError();
    }
    res.locals['caller'] = { principal: principalOf(user), token } satisfies Authenticated;
    next();
  };
}
