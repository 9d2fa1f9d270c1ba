import type { KeyValueStore } from '@dms/store';
import type { Logger } from '@dms/service-kit';
import { z } from 'zod';
import type { SubscriptionDirectory } from '../domain/subscription-directory.port';
import type { EligibilityOrUnknown } from '../domain/subscriber-terminal.model';

export interface HttpSubscriptionDirectoryOptions {
  /** GET `<baseUrl>/<msisdn>` answers the eligibility JSON; 404 means no such subscription. */
  baseUrl: string;
  timeoutMs: number;
  cache: KeyValueStore;
  cacheTtlMs: number;
  logger: Logger;
  /** Sent as `Authorization` when set. */
  authorization?: string;
}

/** What the subscription database answers; further boolean fields are further services. */
const Answer = z.looseObject({ data: z.boolean(), mms: z.boolean(), plan: z.string().max(200).optional() });

/**
 * The subscription database over HTTP. Never throws and never waits beyond `timeoutMs`:
 * a slow, failing or nonsensical answer degrades to 'unknown' (and is not cached, so the
 * next detection asks again); good answers are cached in the key-value store.
 */
export class HttpSubscriptionDirectory implements SubscriptionDirectory {
  constructor(private readonly options: HttpSubscriptionDirectoryOptions) {}

  async eligibility(msisdn: string): Promise<EligibilityOrUnknown> {
    const { cache, logger } = this.options;
    const key = `st:eligibility:${msisdn}`;
    const cached = await cache.get(key).catch(() => null);
    if (cached !== null) return JSON.parse(cached) as EligibilityOrUnknown;
    const answer = await this.ask(msisdn);
    if (answer !== 'unknown')
      await cache
        .set(key, JSON.stringify(answer), this.options.cacheTtlMs)
        .catch((err: unknown) => logger.warn({ err }, 'eligibility cache write failed'));
    return answer;
  }

  private async ask(msisdn: string): Promise<EligibilityOrUnknown> {
    const { baseUrl, timeoutMs, logger, authorization } = this.options;
    const url = `${baseUrl.replace(/\/$/, '')}/${encodeURIComponent(msisdn)}`;
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(timeoutMs),
        headers: { accept: 'application/json', ...(authorization === undefined ? {} : { authorization }) },
      });
      if (response.status === 404) {
        await response.body?.cancel();
        return { data: false, mms: false, source: 'http', checkedAt: new Date().toISOString() };
      }
      if (!response.ok) {
        await response.body?.cancel();
        logger.warn(
          { status: response.status, msisdn },
          'subscription database refused; eligibility unknown',
        );
        return 'unknown';
      }
      const parsed = Answer.safeParse(await response.json());
      if (!parsed.success) {
        logger.warn({ msisdn }, 'subscription database answer unreadable; eligibility unknown');
        return 'unknown';
      }
      const { data, mms, plan, ...rest } = parsed.data;
      const services = Object.fromEntries(
        Object.entries(rest).filter((e): e is [string, boolean] => typeof e[1] === 'boolean'),
      );
      return {
        data,
        mms,
        ...(Object.keys(services).length === 0 ? {} : { services }),
        ...(plan === undefined ? {} : { plan }),
        source: 'http',
        checkedAt: new Date().toISOString(),
      };
    } catch (err) {
      logger.warn({ err, msisdn }, 'subscription database unreachable or slow; eligibility unknown');
      return 'unknown';
    }
  }
}
