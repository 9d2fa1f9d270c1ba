import type { Principal, Role } from './roles';

/** `PUBLIC` routes need no session (signing in); every other route names the roles allowed. */
export const PUBLIC = 'public' as const;
export type RouteRule = typeof PUBLIC | readonly Role[];

const ALL: readonly Role[] = ['operator-admin', 'customer-care', 'corporate-admin', 'end-user'];
const AGENTS: readonly Role[] = ['operator-admin', 'customer-care', 'corporate-admin'];
const ADMIN: readonly Role[] = ['operator-admin'];

/**
 * The one table of who may call what (issue 7: "every API route checking role and tenant").
 * Keys are `<METHOD> <express path>` exactly as the router registers them; the router refuses
 * to register a route missing here (MissingPolicyError) and a test enumerates the routes.
 * The role check is this table; the tenant check is `canSeeSubscriber`, applied to every
 * answer that names a subscriber (lookups, actions, consent, live feed, audit).
 */
export const routePolicy: Readonly<Record<string, RouteRule>> = {
  'POST /api/v1/console/session': PUBLIC,
  'DELETE /api/v1/console/session': ALL,
  'GET /api/v1/console/me': ALL,
  'GET /api/v1/console/dashboard': ALL,
  'GET /api/v1/console/live': ALL,
  'GET /api/v1/console/subscribers/:msisdn': ALL,
  'GET /api/v1/console/terminals/:imei': ALL,
  // Agents act on handsets; a corporate admin only on its own tenant's (scope check).
  'POST /api/v1/console/subscribers/:msisdn/actions/diagnostics': AGENTS,
  'POST /api/v1/console/subscribers/:msisdn/actions/resend-settings': AGENTS,
  'GET /api/v1/console/subscribers/:msisdn/consent': ALL,
  // Consent is the subscriber's: the end user on their own line, or an operator agent on their behalf.
  'PUT /api/v1/console/subscribers/:msisdn/consent/:category': [
    'operator-admin',
    'customer-care',
    'end-user',
  ],
  'GET /api/v1/console/audit': AGENTS,
  'GET /api/v1/console/users': ADMIN,
  'POST /api/v1/console/users': ADMIN,
  'POST /api/v1/console/users/:username/disable': ADMIN,
  'POST /api/v1/console/users/:username/enable': ADMIN,
  'POST /api/v1/console/users/:username/password': ADMIN,
};

export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

export function isRoleAllowed(rule: RouteRule, role: Role): boolean {
  return rule === PUBLIC || rule.includes(role);
}

/** What the tenant check needs to know of a subscriber. */
export interface SubscriberScope {
  readonly msisdn: string | undefined;
  readonly tenantId: string | undefined;
}

/**
 * Tenant scoping: operator-wide roles see everyone; a corporate admin only subscribers of its
 * tenant; an end user only their own line. Unknown tenant or msisdn means "not yours".
 */
export function canSeeSubscriber(principal: Principal, target: SubscriberScope): boolean {
  switch (principal.role) {
    case 'operator-admin':
    case 'customer-care':
      return true;
    case 'corporate-admin':
      return principal.tenantId !== undefined && target.tenantId === principal.tenantId;
    case 'end-user':
      return principal.msisdn !== undefined && target.msisdn === principal.msisdn;
  }
}
