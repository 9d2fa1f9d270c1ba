import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { OperationalError } from '@dms/service-kit';

/** A secret file exists but cannot be used (empty, unreadable). */
export class SecretFileError extends OperationalError {
  constructor(file: string, reason: string, cause?: unknown) {
    super('EMBEDDED_SECRET_FILE', `secret file ${file}: ${reason}`, {
      retriable: false,
      cause,
      details: { file },
    });
  }
}

export interface StoredSecret {
  readonly value: string;
  readonly file: string;
  /** True when this call generated the value (first start): the caller may show it once. */
  readonly created: boolean;
}

const OWNER_ONLY_FILE = 0o600;
const OWNER_ONLY_DIR = 0o700;

/**
 * Reads the secret kept in `file`, or generates one (crypto random, base64url) and writes
 * it readable by the owner only. Creation is exclusive ('wx'), so two processes starting
 * on the same directory end up with the same value.
 */
export function loadOrCreateSecret(file: string, bytes = 32): StoredSecret {
  mkdirSync(dirname(file), { recursive: true, mode: OWNER_ONLY_DIR });
  const value = randomBytes(bytes).toString('base64url');
  let fd: number;
  try {
    fd = openSync(file, 'wx', OWNER_ONLY_FILE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new SecretFileError(file, 'cannot be created', error);
    return { value: readExisting(file), file, created: false };
  }
  try {
    writeSync(fd, `${value}\n`);
  } finally {
    closeSync(fd);
  }
  return { value, file, created: true };
}

function readExisting(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new SecretFileError(file, 'cannot be read', error);
  }
  if (text === '') throw new SecretFileError(file, 'is empty; delete it to have a new secret generated');
  // Copied or restored by hand with a looser mode: a secret stays readable by its owner only.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, OWNER_ONLY_FILE);
  return text;
}
