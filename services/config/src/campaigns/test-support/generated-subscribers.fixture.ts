import type { Rpc, RpcRegistration } from '@dms/bus';
import type { RpcResponse } from '@dms/contracts';
import { InvalidCampaignRequestError } from '../domain/campaign.errors';

type Item = RpcResponse<'subscriber-terminal.query.v1'>['items'][number];

export const MODELS = ['Galaxy A51', 'iPhone 12', 'Pixel 6'] as const;
export const msisdnOf = (i: number): string => `49170${String(i).padStart(7, '0')}`;
export const imeiOf = (i: number): string => `35693803${String(i).padStart(7, '0')}`;

/**
 * Subscriber i of a generated population, computed (not stored): every 50th has no handset,
 * plans alternate prepaid/postpaid, models cycle, firmware is `1.<i % 12>`.
 */
export function subscriberOf(i: number): Item {
  const terminal =
    i % 50 === 49
      ? null
      : { imei: imeiOf(i), tac: imeiOf(i).slice(0, 8), manufacturer: 'Acme', model: MODELS[i % MODELS.length]!, fwV: `1.${i % 12}` };
  return {
    msisdn: msisdnOf(i),
    imsi: `26201${String(i).padStart(10, '0')}`,
    attributes: { plan: i % 2 === 0 ? 'prepaid' : 'postpaid' },
    eligibility: 'unknown',
    lastSeenAt: '2026-11-01T00:00:00.000Z',
    terminal,
  };
}

function matches(item: Item, criteria: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(criteria)) {
    if (key === 'limit' || key === 'cursor') continue;
    if (key === 'model' && item.terminal?.model !== value) return false;
    if (key.startsWith('attr.') && item.attributes[key.slice(5)] !== value) return false;
    if (key !== 'model' && !key.startsWith('attr.')) throw new InvalidCampaignRequestError(`fixture: unsupported criterion ${key}`);
  }
  return true;
}

/**
 * subscriber-terminal.query.v1 over `size` generated subscribers, keyset-paged in MSISDN
 * order like the real service (cursor = the last MSISDN of the page, base64url JSON).
 * Stands for subscriber-terminal, which config may not import.
 */
export function serveGeneratedSubscribers(rpc: Rpc, size: number, calls?: { queries: number }): Promise<RpcRegistration> {
  return rpc.serve({
    subject: 'subscriber-terminal.query.v1',
    handler: async ({ criteria }) => {
      if (calls) calls.queries++;
      const limit = Number(criteria['limit'] ?? '100');
      const after = criteria['cursor'] === undefined ? -1 : Number(JSON.parse(Buffer.from(criteria['cursor'], 'base64url').toString()).after.slice(5));
      const items: Item[] = [];
      let i = after + 1;
      for (; i < size && items.length <= limit; i++) {
        const item = subscriberOf(i);
        if (matches(item, criteria)) items.push(item);
      }
      const page = items.slice(0, limit);
      const last = page[page.length - 1];
      const more = items.length > limit;
      return { items: page, nextCursor: more && last ? Buffer.from(JSON.stringify({ after: last.msisdn })).toString('base64url') : null };
    },
  });
}
