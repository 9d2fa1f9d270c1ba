import { notFoundHandler, PROBLEM_CONTENT_TYPE, toProblem } from '@dms/service-kit';
import { Router, type ErrorRequestHandler } from 'express';
import { ServiceUnavailableError, SignInLockedError } from '../../domain/console.errors';
import { authenticate } from './authenticate.middleware';
import type { ConsoleDomain } from './console-domain';
import { actionRoutes } from './routes/action.routes';
import { auditRoutes } from './routes/audit.routes';
import { dashboardRoutes } from './routes/dashboard.routes';
import { lookupRoutes } from './routes/lookup.routes';
import { sessionRoutes } from './routes/session.routes';
import { userRoutes } from './routes/user.routes';
import { securedRouter, type SecuredRouter } from './secured.router';
import { createUiRouter } from './ui.router';

/**
 * Errors whose problem needs more than service-kit gives a 5xx: which service is unavailable
 * (the UI says so), and Retry-After on a lock-out. Everything else goes to the app's handler.
 */
const consoleProblems: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  if (error instanceof SignInLockedError) res.set('Retry-After', String(error.retryAfterSeconds));
  if (!(error instanceof ServiceUnavailableError)) return next(error);
  const problem = { ...toProblem(error, req.originalUrl), detail: error.message, details: error.details };
  res.set('Retry-After', '5').status(503).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
};

/** The console API's routes, all through the policy table. */
export function consoleApi(domain: ConsoleDomain): SecuredRouter {
  const secured = securedRouter(authenticate(domain.sessions, domain.users));
  sessionRoutes(secured, domain);
  dashboardRoutes(secured, domain);
  lookupRoutes(secured, domain);
  actionRoutes(secured, domain);
  auditRoutes(secured, domain);
  userRoutes(secured, domain);
  return secured;
}

/** The UI at / and the API under /api/v1/console; mount before any other /api/v1 router. */
export function createConsoleRouter(domain: ConsoleDomain): Router {
  const router = Router();
  router.use(createUiRouter());
  router.use(consoleApi(domain).router);
  // Unknown console paths end here, not in another service's /api/v1 router (embedded mode).
  router.use('/api/v1/console', notFoundHandler(), consoleProblems);
  return router;
}
