import { hash, verify } from '@node-rs/argon2';

/** Passwords shorter than this are refused when set (NIST SP 800-63B, 5.1.1.2: at least 8). */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum recommendation).
 * The PHC string carries its own salt and parameters, so stronger settings later still verify
 * older hashes.
 */
export const passwordHasher = {
  hash: (password: string): Promise<string> => hash(password),
  async verify(hashed: string, password: string): Promise<boolean> {
    try {
      return await verify(hashed, password);
    } catch {
      // A malformed stored hash verifies nothing; it is not the caller's error to see.
      return false;
    }
  },
};

export type PasswordHasher = typeof passwordHasher;

/** A hash to verify against when the user does not exist, so both paths cost the same time. */
let decoy: Promise<string> | undefined;
export function decoyHash(hasher: PasswordHasher): Promise<string> {
  decoy ??= hasher.hash('decoy password that matches nothing');
  return decoy;
}
