import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpError } from '../errors/dms.error';
import type { RequestHandler } from 'express';

/** Missing or wrong bearer token (RFC 6750, 3.1: invalid_token). */
export class UnauthorizedError extends HttpError {
  constructor() {
    super(401, 'UNAUTHORIZED', 'a valid bearer token is required');
  }
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Requires `Authorization: Bearer <token>`. Both sides are hashed first so that the
 * comparison is constant-time whatever the lengths (timingSafeEqual needs equal lengths,
 * and an early length check would leak the token's length).
 */
export function bearerAuth(token: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const match = /^Bearer ([^\s]+)$/i.exec(req.get('authorization') ?? '');
    if (match?.[1] !== undefined && timingSafeEqual(digest(match[1]), expected)) {
      next();
      return;
    }
    res.set('WWW-Authenticate', 'Bearer realm="dms", error="invalid_token"');
    next(new UnauthorizedError());
  };
}
