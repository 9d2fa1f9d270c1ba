import type { DmCommand } from '@dms/contracts';
import type { CpMacKey } from '@dms/syncml';
import { cpBootstrapPush, type CpBootstrapPush } from './cp-bootstrap.document';
import type { DmServerAccount } from './dm-bootstrap.account';
import {
  generateBootstrapCredentials,
  type CredentialOptions,
  type DmBootstrapCredentials,
} from './dm-bootstrap.credentials';
import { dmAccAddCommands, type DmAccPlacement } from './dmacc-bootstrap.commands';

export interface DmBootstrapRequest {
  readonly server: DmServerAccount;
  /** NETWPIN with the subscriber's IMSI (no user action) or USERPIN with a PIN told to the user. */
  readonly key: CpMacKey;
  /** Concatenation reference of the CP push SMS (take it from the sender's rotating counter). */
  readonly reference: number;
  readonly placement?: DmAccPlacement;
  readonly credentials?: CredentialOptions;
}

/** Everything one bootstrap produces. The credentials are returned here once: store them, never log this object's commands. */
export interface DmBootstrap {
  readonly credentials: DmBootstrapCredentials;
  /** (a) OMA CP push (w7 APPLICATION), MAC'd, as SMS segments. */
  readonly cp: CpBootstrapPush;
  /** (b) The same account as DM Adds under ./DMAcc/<x>/ (DM-profile bootstrap or a job for a handset that already has a DM account). */
  readonly dmAcc: DmCommand[];
}

/** A DM account for this server with fresh credentials (crypto.randomBytes), in both bootstrap profiles. */
export function createDmBootstrap(request: DmBootstrapRequest): DmBootstrap {
  const credentials = generateBootstrapCredentials(request.credentials);
  const account = { server: request.server, credentials };
  return {
    credentials,
    cp: cpBootstrapPush(account, request.key, { reference: request.reference }),
    dmAcc: dmAccAddCommands(account, request.placement),
  };
}
