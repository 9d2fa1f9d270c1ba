import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { isRoleAllowed, PUBLIC, routeKey, routePolicy } from '../../domain/access.policy';
import { ForbiddenError, MissingPolicyError } from '../../domain/console.errors';
import { callerOf } from './authenticate.middleware';

type Method = 'get' | 'post' | 'put' | 'delete';

/** Marks the authorising middleware so that a test can check every route carries one. */
export const AUTHORIZE_MARK = Symbol('console.authorize');

export interface SecuredRouter {
  readonly router: Router;
  route(method: Method, path: string, ...handlers: RequestHandler[]): void;
}

/**
 * A router that cannot register a route without a policy: `route()` looks the route up in
 * the policy table (MissingPolicyError otherwise) and puts authentication and the role check
 * in front of the handlers. The tenant check is the domain's (canSeeSubscriber).
 */
export function securedRouter(authenticate: RequestHandler): SecuredRouter {
  const router = Router();
  return {
    router,
    route(method, path, ...handlers) {
      const key = routeKey(method, path);
      const rule = routePolicy[key];
      if (rule === undefined) throw new MissingPolicyError(key);
      const authorize = Object.assign(
        (_req: Request, res: Response, next: NextFunction) => {
          if (rule === PUBLIC) return next();
          const { principal } = callerOf(res);
          if (!isRoleAllowed(rule, principal.role)) throw new ForbiddenError(principal.role);
          next();
        },
        { [AUTHORIZE_MARK]: key },
      );
      const chain = rule === PUBLIC ? [authorize, ...handlers] : [authenticate, authorize, ...handlers];
      router[method](path, ...chain);
    },
  };
}
