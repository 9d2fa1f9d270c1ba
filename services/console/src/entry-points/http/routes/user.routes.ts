import express from 'express';
import { z } from 'zod';
import type { AuditFact } from '../../../domain/audit.service';
import { NewUser, Password, Username } from '../../../domain/user.schema';
import { callerOf } from '../authenticate.middleware';
import type { ConsoleDomain } from '../console-domain';
import type { SecuredRouter } from '../secured.router';
import { parse, pathParam } from './parse';
import { BASE } from './session.routes';

/** Operator admins manage console users; each change is audited. */
export function userRoutes(secured: SecuredRouter, domain: ConsoleDomain): void {
  const json = express.json({ limit: '4kb' });
  const audited = (res: express.Response, action: AuditFact['action'], target: string) =>
    domain.audit.record(callerOf(res).principal, { action, target, outcome: 'accepted' });
  const usernameOf = (req: express.Request): string =>
    parse(Username, pathParam(req, 'username'), 'user name');

  secured.route('get', `${BASE}/users`, async (_req, res) => {
    res.json({ items: await domain.users.list() });
  });
  secured.route('post', `${BASE}/users`, json, async (req, res) => {
    const input = parse(NewUser, req.body, 'new user');
    const user = await domain.users.create(input, callerOf(res).principal.username);
    await audited(res, 'user.create', user.username);
    res.status(201).json(user);
  });
  secured.route('post', `${BASE}/users/:username/disable`, async (req, res) => {
    const user = await domain.users.setDisabled(usernameOf(req), true);
    await audited(res, 'user.disable', user.username);
    res.json(user);
  });
  secured.route('post', `${BASE}/users/:username/enable`, async (req, res) => {
    const user = await domain.users.setDisabled(usernameOf(req), false);
    await audited(res, 'user.enable', user.username);
    res.json(user);
  });
  secured.route('post', `${BASE}/users/:username/password`, json, async (req, res) => {
    const username = usernameOf(req);
    const { password } = parse(z.object({ password: Password }), req.body, 'password reset');
    await domain.users.resetPassword(username, password);
    await audited(res, 'user.reset-password', username);
    res.status(204).end();
  });
}
