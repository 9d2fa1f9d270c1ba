import type { SubscriptionChanged } from '@dms/contracts';
import type { DocumentCollection, DocumentStore } from '@dms/store';
import type { SubscriptionDirectory } from '../domain/subscription-directory.port';
import type { EligibilityOrUnknown } from '../domain/subscriber-terminal.model';

interface MirroredSubscription {
  _id: string;
  active: boolean;
  plan?: string;
  tenantId?: string;
  changedAt: string;
}

/**
 * The subscription database as a local mirror fed by subscription.changed.v1. The event
 * names the plan, not the services, so `planServices` maps plans to services; a plan the
 * map does not know is 'unknown'.
 */
export class MirrorSubscriptionDirectory implements SubscriptionDirectory {
  private readonly collection: DocumentCollection<MirroredSubscription>;

  constructor(
    store: DocumentStore,
    private readonly planServices: Readonly<Record<string, readonly string[]>>,
  ) {
    this.collection = store.collection<MirroredSubscription>('subscription_mirror');
  }

  async eligibility(msisdn: string): Promise<EligibilityOrUnknown> {
    const record = await this.collection.get(msisdn).catch(() => null);
    if (record === null) return 'unknown';
    const checkedAt = record.changedAt;
    if (!record.active) return { data: false, mms: false, source: 'mirror', checkedAt };
    const services = record.plan === undefined ? undefined : this.planServices[record.plan];
    if (services === undefined) return 'unknown';
    const flags = Object.fromEntries(services.map((s) => [s, true]));
    return {
      data: flags['data'] === true,
      mms: flags['mms'] === true,
      services: flags,
      plan: record.plan as string,
      source: 'mirror',
      checkedAt,
    };
  }

  /** The tenant (corporate customer) of the subscription, when the provisioning system named one. */
  async tenantOf(msisdn: string): Promise<string | undefined> {
    return (await this.collection.get(msisdn).catch(() => null))?.tenantId;
  }

  /** Applies one change; older changes than the mirrored one are ignored (redelivery, reordering). */
  async apply(change: SubscriptionChanged): Promise<void> {
    const current = await this.collection.get(change.msisdn);
    if (current !== null && Date.parse(current.changedAt) > Date.parse(change.changedAt)) return;
    const previous =
      change.previousMsisdn === undefined ? null : await this.collection.get(change.previousMsisdn);
    const base = current ?? (previous === null ? null : { ...previous, _id: change.msisdn });
    const plan = change.plan ?? base?.plan;
    const tenantId = change.tenantId ?? base?.tenantId;
    await this.collection.put({
      _id: change.msisdn,
      active: change.change !== 'deactivated',
      ...(plan === undefined ? {} : { plan }),
      ...(tenantId === undefined ? {} : { tenantId }),
      changedAt: change.changedAt,
    });
    if (change.change === 'msisdn-changed' && change.previousMsisdn !== undefined)
      await this.collection.delete(change.previousMsisdn);
  }
}
