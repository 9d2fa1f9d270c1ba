import { randomBytes } from 'node:crypto';

/**
 * Fresh DMAcc credentials for one handset (DM 1.2 security 5): CLCRED the handset proves
 * itself with, SRVCRED the server proves itself with (and signs Package 0 with), and the
 * first nonce of each. Keys are named so that the logger redacts the passwords if the
 * object is ever logged; the caller stores them once (the gateway's account store) and
 * hands them to the bootstrap documents.
 */
export interface DmBootstrapCredentials {
  /** CLCRED AAuthName. */
  readonly clientUsername: string;
  /** CLCRED AAuthSecret. */
  readonly clientPassword: string;
  /** CLCRED AAuthData, base64: the nonce the server expects in the handset's first digest. */
  readonly clientNonce: string;
  /** SRVCRED AAuthSecret: the Package 0 digest and the server's Cred use it. */
  readonly serverPassword: string;
  /** SRVCRED AAuthData, base64: the nonce of the server's first digest and of Package 0. */
  readonly serverNonce: string;
}

export interface CredentialOptions {
  /** Default `dm-` + 12 random hex digits. */
  readonly clientUsername?: string;
  /** Random octets behind each password (base64url text); default 18 -> 24 characters. */
  readonly passwordBytes?: number;
  /** Default 16 octets per nonce. */
  readonly nonceBytes?: number;
  readonly random?: (size: number) => Buffer;
}

export function generateBootstrapCredentials(options: CredentialOptions = {}): DmBootstrapCredentials {
  const random = options.random ?? randomBytes;
  const secret = (): string => random(options.passwordBytes ?? 18).toString('base64url');
  const nonce = (): string => random(options.nonceBytes ?? 16).toString('base64');
  return {
    clientUsername: options.clientUsername ?? `dm-${random(6).toString('hex')}`,
    clientPassword: secret(),
    clientNonce: nonce(),
    serverPassword: secret(),
    serverNonce: nonce(),
  };
}
