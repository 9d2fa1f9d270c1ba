import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError } from '../errors/dms.error';
import type { Logger } from '../logging/logger.factory';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem-details';

/** Seconds a client should wait before retrying a retriable 503. */
const RETRY_AFTER_SECONDS = 1;

/** Requests no route answered become a 404 problem instead of express's HTML page. */
export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => {
    next(new HttpError(404, 'NOT_FOUND', `no route for ${req.method} ${req.path}`));
  };
}

/**
 * Answers every error as `application/problem+json` (RFC 7807). Server errors are logged
 * with their stack (the logger redacts secrets); client errors at warn without stack,
 * since they are the caller's to fix.
 */
export function problemErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      // Too late for a problem body; express's default handler aborts the connection.
      next(error);
      return;
    }
    const problem = toProblem(error, req.originalUrl);
    if (problem.status >= 500)
      logger.error(
        { err: error, method: req.method, url: req.originalUrl, code: problem.code },
        'request failed',
      );
    else
      logger.warn(
        { method: req.method, url: req.originalUrl, code: problem.code, status: problem.status },
        'request refused',
      );
    if (problem.status === 503 && problem.retriable) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  };
}

/** Both handlers, to mount last: `app.use(problemHandler(logger))`. */
export function problemHandler(logger: Logger): [RequestHandler, ErrorRequestHandler] {
  return [notFoundHandler(), problemErrorHandler(logger)];
}
