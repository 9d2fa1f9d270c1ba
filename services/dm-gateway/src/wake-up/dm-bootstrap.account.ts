import type { DmBootstrapCredentials } from './dm-bootstrap.credentials';

/** The DM server a bootstrap points the handset at (what becomes its ./DMAcc/<x>). */
export interface DmServerAccount {
  /** DMAcc ServerID / CP PROVIDER-ID; also the SRVCRED AAuthName (so both Package 0 digest names agree). */
  readonly serverId: string;
  /** DMAcc Name / CP NAME. */
  readonly name: string;
  /** DMAcc AppAddr/<y>/Addr / CP APPADDR ADDR, e.g. https://dm.example.com/dm. */
  readonly url: string;
  /** AAuthType of both credentials. Default DIGEST (the only one Windows takes for the server side). */
  readonly authType?: 'DIGEST' | 'BASIC' | 'HMAC';
}

/** Port of the URL, written as PORTNBR / Port/<z>/PortNbr when the URL names one or the scheme implies it. */
export function portOf(url: string): string | undefined {
  const parsed = new URL(url);
  if (parsed.port !== '') return parsed.port;
  return parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : undefined;
}

export interface BootstrapAccount {
  readonly server: DmServerAccount;
  readonly credentials: DmBootstrapCredentials;
}
