import { AuthError, AuthErrorCodes } from './auth.error';
import { constantTimeEqualText, md5, toB64, userHashB64 } from './auth-hash';
import { nonceInput, type Nonce, type NonceForm } from './nonce';

/** OMA DM 1.2 security 5.1.4: the HTTP header that carries syncml:auth-MAC credentials. */
export const HMAC_HEADER_NAME = 'x-syncml-hmac';

export interface HmacHeader {
  /** Only MD5 is defined (5.1.4.2); the parameter is optional and MD5 is the default. */
  readonly algorithm: 'MD5';
  readonly username: string;
  readonly mac: string;
}

/**
 * mac = B64( MD5( B64(MD5(username ":" password)) ":" nonce ":" B64(MD5(body)) ) ),
 * body = the exact HTTP body octets (XML or WBXML).
 */
export function computeHmacMac(
  username: string,
  password: string,
  nonce: Nonce,
  body: Uint8Array,
  form: NonceForm = 'decoded',
): string {
  return macFromUserHash(userHashB64(username, password), nonce, body, form);
}

function macFromUserHash(userHash: string, nonce: Nonce, body: Uint8Array, form: NonceForm): string {
  return toB64(md5(userHash, ':', nonceInput(nonce, form), ':', toB64(md5(body))));
}

/** Spec style: `algorithm=MD5, username="name", mac=b64`. */
export function formatHmacHeader(header: Omit<HmacHeader, 'algorithm'>): string {
  return `algorithm=MD5, username="${header.username.replace(/(["\\])/g, '\\$1')}", mac=${header.mac}`;
}

export function hmacHeader(
  username: string,
  password: string,
  nonce: Nonce,
  body: Uint8Array,
  form: NonceForm = 'decoded',
): string {
  return formatHmacHeader({ username, mac: computeHmacMac(username, password, nonce, body, form) });
}

// One `name = value` pair: value quoted (with \-escapes) or a bare token up to the next comma.
const PARAM = /\s*([A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s"]*))\s*(?:,|$)/y;

/** Tolerant of spacing, quoting and the case of parameter names/algorithm (Android omits spaces). */
export function parseHmacHeader(value: string): HmacHeader {
  const params = new Map<string, string>();
  PARAM.lastIndex = 0;
  const text = value.trim();
  while (PARAM.lastIndex < text.length) {
    const start = PARAM.lastIndex;
    const m = PARAM.exec(text);
    if (m === null || PARAM.lastIndex === start) {
      throw new AuthError(AuthErrorCodes.malformed, `x-syncml-hmac: cannot parse at character ${start}`);
    }
    const raw = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
    params.set((m[1] ?? '').toLowerCase(), raw);
  }
  const algorithm = params.get('algorithm') ?? 'MD5';
  if (algorithm.toUpperCase() !== 'MD5')
    throw new AuthError(AuthErrorCodes.unsupported, `x-syncml-hmac algorithm ${algorithm} is not supported`);
  const username = params.get('username');
  const mac = params.get('mac');
  if (username === undefined || mac === undefined || mac === '') {
    throw new AuthError(AuthErrorCodes.malformed, 'x-syncml-hmac needs username and mac');
  }
  return { algorithm: 'MD5', username, mac };
}

export interface HmacVerifierOptions {
  /** Secret for the header's user name; undefined = unknown user (invalid, not an error). */
  readonly lookup: (username: string) => { password?: string; userHash?: string } | undefined;
  readonly nonce: Nonce;
  readonly acceptForms?: readonly NonceForm[];
}

export type HmacVerification =
  | { readonly valid: true; readonly username: string; readonly form: NonceForm }
  | { readonly valid: false; readonly username: string };

/** Parses the header value and checks its mac over `body`; throws AuthError only when the header is unusable. */
export function verifyHmacHeader(
  headerValue: string,
  body: Uint8Array,
  options: HmacVerifierOptions,
): HmacVerification {
  const header = parseHmacHeader(headerValue);
  const forms = options.acceptForms ?? ['decoded'];
  if (forms.length === 0)
    throw new AuthError(AuthErrorCodes.misconfigured, 'x-syncml-hmac verifier accepts no nonce form');
  const secret = options.lookup(header.username);
  const userHash =
    secret?.userHash ??
    (secret?.password === undefined ? undefined : userHashB64(header.username, secret.password));
  if (userHash === undefined) return { valid: false, username: header.username };
  let matched: NonceForm | undefined;
  for (const form of forms) {
    const ok = constantTimeEqualText(header.mac, macFromUserHash(userHash, options.nonce, body, form));
    if (ok && matched === undefined) matched = form;
  }
  return matched === undefined
    ? { valid: false, username: header.username }
    : { valid: true, username: header.username, form: matched };
}
