import { z } from 'zod';
import { callerOf } from '../authenticate.middleware';
import type { ConsoleDomain } from '../console-domain';
import type { SecuredRouter } from '../secured.router';
import { parse } from './parse';
import { BASE } from './session.routes';

const AuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** The audit log, newest first: everything for operator-wide roles, a corporate admin its tenant's. */
export function auditRoutes(secured: SecuredRouter, domain: ConsoleDomain): void {
  secured.route('get', `${BASE}/audit`, async (req, res) => {
    const { limit } = parse(AuditQuery, req.query, 'audit query');
    res.json({ items: await domain.audit.visibleTo(callerOf(res).principal, limit) });
  });
}
