import type { Command } from './command.model';
import type { Cred, Location } from './item.model';
import type { MetInf } from './metinf.model';

/**
 * One SyncML message (SyncML RepPro 1.2; DM 1.2 and DS 1.2 share it, VerProto tells
 * them apart: `DM/1.2`, `SyncML/1.2`; 1.1 peers send VerDTD 1.1).
 */
export interface SyncMLMessage {
  readonly hdr: SyncHdr;
  readonly body: SyncBody;
}

export interface SyncHdr {
  readonly verDTD: string;
  readonly verProto: string;
  /** Opaque string, echoed verbatim (DM 1.2 6.2.2.10: hex from Package 0). */
  readonly sessionId: string;
  readonly msgId: string;
  readonly target: Location;
  readonly source: Location;
  readonly respURI?: string;
  readonly noResp?: boolean;
  readonly cred?: Cred;
  readonly meta?: MetInf;
}

export interface SyncBody {
  readonly commands: readonly Command[];
  /** Last message of a package. */
  readonly final: boolean;
}
