import { readFileSync } from 'node:fs';
import { CliInputError } from './cli.error';

/** Reads FILE, or standard input for `-`. A missing or unreadable file is bad input (exit 1). */
export function readInput(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path === '-' ? 0 : path));
  } catch (cause) {
    const reason = cause instanceof Error && 'code' in cause ? String(cause.code) : 'unreadable';
    throw new CliInputError(`cannot read ${path === '-' ? 'standard input' : path}: ${reason}`, { cause });
  }
}

/** Package 0 arrives as bytes or as a hex dump (SMSC logs print hex); both are accepted. */
export function bytesOrHex(input: Uint8Array): Uint8Array {
  const asText = new TextDecoder('latin1').decode(input);
  const compact = asText.replace(/\s+/g, '');
  if (compact.length > 0 && compact.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(compact))
    return Uint8Array.from(Buffer.from(compact, 'hex'));
  return input;
}
