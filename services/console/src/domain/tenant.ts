/** The parts of a subscriber-terminal subscriber the tenant rule reads. */
export interface TenantBearing {
  readonly tenantId?: string | undefined;
  readonly attributes?: Readonly<Record<string, string>>;
}

/**
 * The corporate tenant of a subscriber: `tenantId` from provisioning (subscription.changed.v1),
 * else, when the operator names one (DMS_CONSOLE_TENANT_ATTRIBUTE), that attribute, for
 * operators whose provisioning does not carry tenants yet.
 */
export function tenantOf(subscriber: TenantBearing, tenantAttribute: string | undefined): string | undefined {
  if (subscriber.tenantId !== undefined) return subscriber.tenantId;
  if (tenantAttribute === undefined) return undefined;
  const value = subscriber.attributes?.[tenantAttribute];
  return value === undefined || value === '' ? undefined : value;
}
