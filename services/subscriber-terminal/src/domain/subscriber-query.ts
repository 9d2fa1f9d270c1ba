import type { Filter, FieldCondition } from '@dms/store';
import { InvalidRequestError } from './subscriber-terminal.errors';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
/** Attribute names are field paths in the store: letters, digits, underscore. */
export const ATTRIBUTE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Bulk targeting: every criterion is optional, all given ones must hold. */
export interface SubscriberQuery {
  model?: string;
  tac?: string;
  manufacturer?: string;
  os?: string;
  firmware?: string;
  tenant?: string;
  lastSeenBefore?: string;
  lastSeenAfter?: string;
  attributes?: Record<string, string>;
  limit?: number;
  cursor?: string;
}

const FIELD_OF: Record<string, string> = {
  model: 'terminal.model',
  tac: 'terminal.tac',
  manufacturer: 'terminal.manufacturer',
  os: 'terminal.os',
  firmware: 'terminal.fwV',
  tenant: 'tenantId',
};

/** The opaque cursor is the last MSISDN of the previous page; pages go in MSISDN order. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId })).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof value.after === 'string') return value.after;
  } catch {
    // fall through: any undecodable cursor is the caller's mistake
  }
  throw new InvalidRequestError('cursor is not one this service handed out');
}

function isoTime(name: string, value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time))
    throw new InvalidRequestError(`${name} must be an ISO 8601 time`, { [name]: value });
  return new Date(time).toISOString();
}

/** Reads `?model=&tac=&attr.segment=gold&limit=&cursor=` (strings from a URL or an RPC request). */
export function parseSubscriberQuery(params: Record<string, unknown>): SubscriberQuery {
  const query: SubscriberQuery = {};
  const attributes: Record<string, string> = {};
  for (const [key, raw] of Object.entries(params)) {
    if (raw === undefined) continue;
    if (typeof raw !== 'string') throw new InvalidRequestError(`${key} must be given once, as text`);
    if (key.startsWith('attr.')) {
      const name = key.slice(5);
      if (!ATTRIBUTE_NAME.test(name)) throw new InvalidRequestError(`invalid attribute name ${name}`);
      attributes[name] = raw;
    } else if (key in FIELD_OF || key === 'cursor') (query as Record<string, string>)[key] = raw;
    else if (key === 'lastSeenBefore' || key === 'lastSeenAfter') query[key] = isoTime(key, raw);
    else if (key === 'limit') {
      const limit = Number(raw);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
        throw new InvalidRequestError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}`);
      query.limit = limit;
    } else throw new InvalidRequestError(`unknown query parameter ${key}`);
  }
  if (Object.keys(attributes).length > 0) query.attributes = attributes;
  return query;
}

/** The store filter of a query (the cursor included). */
export function subscriberFilter(query: SubscriberQuery): Filter {
  const filter: Record<string, string | FieldCondition> = {};
  for (const [key, path] of Object.entries(FIELD_OF)) {
    const value = (query as Record<string, unknown>)[key];
    if (typeof value === 'string') filter[path] = value;
  }
  for (const [name, value] of Object.entries(query.attributes ?? {})) filter[`attributes.${name}`] = value;
  const lastSeen: FieldCondition = {
    ...(query.lastSeenBefore === undefined ? {} : { $lt: query.lastSeenBefore }),
    ...(query.lastSeenAfter === undefined ? {} : { $gt: query.lastSeenAfter }),
  };
  if (Object.keys(lastSeen).length > 0) filter['lastSeenAt'] = lastSeen;
  if (query.cursor !== undefined) filter['_id'] = { $gt: decodeCursor(query.cursor) };
  return filter;
}
