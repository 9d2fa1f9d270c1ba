import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'dms_console_session';

/** The session token from the cookie, or from `Authorization: Bearer` for scripts. */
export function sessionTokenOf(req: Request): string | undefined {
  const bearer = /^Bearer ([A-Za-z0-9_-]{20,200})$/i.exec(req.get('authorization') ?? '');
  if (bearer?.[1] !== undefined) return bearer[1];
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no cross-site request carries it, so no
 * CSRF), Path=/ and Secure when the request came over HTTPS (directly or via a proxy).
 */
export function setSessionCookie(req: Request, res: Response, token: string, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: maxAgeMs,
  });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
}
