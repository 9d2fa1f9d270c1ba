/** The console's roles (issue 7). Operator-wide roles see every subscriber; the others are scoped. */
export const ROLES = ['operator-admin', 'customer-care', 'corporate-admin', 'end-user'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: the signed-in user as the session (or bearer token) carries it. */
export interface Principal {
  readonly username: string;
  readonly role: Role;
  /** corporate-admin: the corporate customer (tenant) whose subscribers it manages. */
  readonly tenantId?: string;
  /** end-user: the one subscriber it is. */
  readonly msisdn?: string;
}

export const OPERATOR_WIDE: readonly Role[] = ['operator-admin', 'customer-care'];

export function isOperatorWide(principal: Principal): boolean {
  return OPERATOR_WIDE.includes(principal.role);
}
