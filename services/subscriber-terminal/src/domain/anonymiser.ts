import { createHmac } from 'node:crypto';

/**
 * Replaces an identifier in kept history by a salted hash: the same subscriber keeps the
 * same pseudonym (statistics still work) while the salt keeps a dictionary of all MSISDNs
 * from reversing it.
 */
export function pseudonym(salt: string, value: string): string {
  return `anon:${createHmac('sha256', salt).update(value).digest('hex').slice(0, 32)}`;
}
