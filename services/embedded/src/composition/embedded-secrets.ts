import { join } from 'node:path';
import { loadOrCreateSecret } from '../data-access/secret-file.store';
import type { AdminTokenOrigin } from '../entry-points/console/start-up.banner';

export const SECRETS_DIR = 'secrets';
export const ADMIN_TOKEN_FILE = 'admin-token';
export const ANONYMISE_SALT_FILE = 'anonymise-salt';

export interface EmbeddedSecrets {
  readonly adminToken: AdminTokenOrigin;
  readonly anonymiseSalt: string;
}

/**
 * A variable wins; otherwise the value kept under `<data dir>/secrets/` (mode 0600), made
 * on first start. The salt must stay the same for the life of the data: hashes of
 * anonymised history are compared across clean-ups.
 */
export function resolveSecrets(
  dataDir: string,
  fromEnv: { adminToken?: string | undefined; anonymiseSalt?: string | undefined },
): EmbeddedSecrets {
  const adminToken: AdminTokenOrigin =
    fromEnv.adminToken === undefined
      ? fromFile(join(dataDir, SECRETS_DIR, ADMIN_TOKEN_FILE))
      : { kind: 'env', value: fromEnv.adminToken };
  const anonymiseSalt =
    fromEnv.anonymiseSalt ?? loadOrCreateSecret(join(dataDir, SECRETS_DIR, ANONYMISE_SALT_FILE)).value;
  return { adminToken, anonymiseSalt };
}

function fromFile(file: string): AdminTokenOrigin {
  const secret = loadOrCreateSecret(file);
  return { kind: secret.created ? 'created' : 'stored', value: secret.value, file };
}
