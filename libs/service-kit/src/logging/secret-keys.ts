/**
 * Object keys whose values are secret wherever they appear in a logged object: DM
 * account passwords, HTTP credentials, API keys, session cookies. Nonces are not in the
 * list on purpose: an OMA DM nonce is sent in clear and is needed to debug auth failures.
 */
export const SECRET_KEYS = [
  'password',
  'passwd',
  'serverPassword',
  'clientPassword',
  'secret',
  'clientSecret',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'apiKey',
  'api_key',
  'x-api-key',
  'authorization',
  'Authorization',
  'proxy-authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'cred',
  'creds',
  'credentials',
  'privateKey',
  'signingKey',
] as const;

/** How deep below the logged object a secret key is still found (`a.b.c.d.e.password`). */
export const SECRET_KEY_DEPTH = 6;

function pathSegment(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
}

/**
 * pino redact paths for `keys` at the top level and under 1..depth wildcards. pino's
 * redaction has no "any depth" operator, so each depth is spelled out; it is compiled
 * once per logger, not evaluated per line.
 */
export function secretKeyPaths(keys: readonly string[] = SECRET_KEYS, depth = SECRET_KEY_DEPTH): string[] {
  const paths: string[] = [];
  for (let level = 0; level <= depth; level += 1) {
    for (const key of keys) {
      const segment = pathSegment(key);
      const prefix = '*.'.repeat(level);
      paths.push(
        segment.startsWith('[') && level > 0 ? `${prefix.slice(0, -1)}${segment}` : `${prefix}${segment}`,
      );
    }
  }
  return paths;
}

const lowered = new Set(SECRET_KEYS.map((key) => key.toLowerCase()));

/** For code that copies data out of the logger's reach (problem+json details). */
export function isSecretKey(key: string): boolean {
  return lowered.has(key.toLowerCase());
}
