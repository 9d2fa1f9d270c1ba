import { imeiOfDeviceId } from '@dms/contracts';
import type { ServiceClient } from '../../data-access/service.client';
import { tenantOf, type TenantBearing } from '../tenant';
import type { FeedEvent } from './feed-event';

interface Cached<T> {
  value: T;
  until: number;
}

/** A small map with expiry and a size bound (oldest insert goes first). */
class ExpiringCache<T> {
  private readonly entries = new Map<string, Cached<T>>();
  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}
  get(key: string, now: number): T | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined || hit.until <= now) return undefined;
    return hit.value;
  }
  delete(key: string): void {
    this.entries.delete(key);
  }
  set(key: string, value: T, now: number): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, until: now + this.ttlMs });
  }
}

/**
 * Adds the subscriber (MSISDN) and its tenant to a feed event, so that the live feed can be
 * filtered per viewer. Device-keyed events (sessions, alerts, DM jobs) find their subscriber
 * through the handset's IMEI. Answers are cached briefly (and replaced as soon as
 * subscriber-terminal announces a change, see learn()); an event whose subscriber or tenant
 * cannot be found (service down, unknown handset) stays visible to operator-wide roles only.
 */
export class FeedScopeResolver {
  private readonly byMsisdn: ExpiringCache<string>;
  private readonly byImei: ExpiringCache<string>;

  constructor(
    private readonly services: ServiceClient,
    private readonly tenantAttribute: string | undefined,
    options: { ttlMs: number; maxEntries: number } = { ttlMs: 30_000, maxEntries: 10_000 },
    private readonly now: () => number = Date.now,
  ) {
    this.byMsisdn = new ExpiringCache(options.ttlMs, options.maxEntries);
    this.byImei = new ExpiringCache(options.ttlMs, options.maxEntries);
  }

  async resolve(event: FeedEvent): Promise<FeedEvent> {
    try {
      const msisdn = event.msisdn ?? (await this.msisdnOfDevice(event.deviceId));
      if (msisdn === undefined) return event;
      const tenantId = await this.tenantOfMsisdn(msisdn);
      return { ...event, msisdn, ...(tenantId === undefined ? {} : { tenantId }) };
    } catch {
      // Unresolved scope is the safe default: only operator-wide viewers see the event.
      return event;
    }
  }

  private async msisdnOfDevice(deviceId: string | undefined): Promise<string | undefined> {
    const imei = deviceId === undefined ? undefined : imeiOfDeviceId(deviceId);
    if (imei === undefined) return undefined;
    const cached = this.byImei.get(imei, this.now());
    if (cached !== undefined) return cached;
    const { terminal } = await this.services.call('subscriber-terminal.get-terminal.v1', { imei });
    const msisdn = terminal?.currentMsisdn;
    // Only answers are cached: a handset or tenant unknown now may be known a moment later.
    if (msisdn !== undefined) this.byImei.set(imei, msisdn, this.now());
    return msisdn;
  }

  private async tenantOfMsisdn(msisdn: string): Promise<string | undefined> {
    const cached = this.byMsisdn.get(msisdn, this.now());
    if (cached !== undefined) return cached;
    const { subscriber } = await this.services.call('subscriber-terminal.get-subscriber.v1', { msisdn });
    const tenantId = subscriber === null ? undefined : tenantOf(subscriber, this.tenantAttribute);
    if (tenantId !== undefined) this.byMsisdn.set(msisdn, tenantId, this.now());
    return tenantId;
  }

  /**
   * subscriber-terminal announced a subscriber (terminal.subscriber-updated.v1, which carries
   * the tenant and the attributes): its tenant is taken from there at once, so a subscriber
   * moved to another company stops showing in the old company's feed without waiting for
   * the cache to expire. No tenant: the entry goes, and the next event asks again.
   */
  learn(subscriber: TenantBearing & { readonly msisdn: string }): void {
    const tenantId = tenantOf(subscriber, this.tenantAttribute);
    if (tenantId === undefined) this.byMsisdn.delete(subscriber.msisdn);
    else this.byMsisdn.set(subscriber.msisdn, tenantId, this.now());
  }
}
