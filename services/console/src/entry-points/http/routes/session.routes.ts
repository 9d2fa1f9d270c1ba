import express from 'express';
import { SignIn } from '../../../domain/user.schema';
import { principalOf } from '../../../domain/user.service';
import { callerOf } from '../authenticate.middleware';
import type { ConsoleDomain } from '../console-domain';
import type { SecuredRouter } from '../secured.router';
import { clearSessionCookie, setSessionCookie } from '../session.cookie';
import { parse } from './parse';

export const BASE = '/api/v1/console';

/** Sign-in (cookie, and the token in the body for scripts), sign-out, and who am I. */
export function sessionRoutes(secured: SecuredRouter, domain: ConsoleDomain): void {
  secured.route('post', `${BASE}/session`, express.json({ limit: '4kb' }), async (req, res) => {
    const { username, password } = parse(SignIn, req.body, 'sign-in');
    const user = await domain.users.authenticate(username, password);
    const principal = principalOf(user);
    const session = await domain.sessions.open(principal);
    setSessionCookie(req, res, session.token, domain.sessionMaxAgeMs);
    res.status(201).json({ user: principal, token: session.token, expiresInMs: session.expiresInMs });
  });
  secured.route('delete', `${BASE}/session`, async (req, res) => {
    await domain.sessions.close(callerOf(res).token);
    clearSessionCookie(req, res);
    res.status(204).end();
  });
  secured.route('get', `${BASE}/me`, (_req, res) => {
    res.json({ user: callerOf(res).principal });
  });
}
