/**
 * Meta information (SyncML MetInf DTD 1.2, namespace `syncml:metinf`): what a Meta
 * element says about a command, item, header or challenge. Absent Format means `chr`,
 * absent Type `text/plain` (OMA DM 1.2 RepPro 2.3.4); the model keeps "absent" absent.
 */
export interface MetInf {
  readonly format?: string;
  readonly type?: string;
  /** Importance of a Generic Alert (DM 1.2 2.3.7) or a DS mark. */
  readonly mark?: string;
  /** Total size of a large object, first chunk only (DM 1.2 2.2). */
  readonly size?: number;
  /** DS sync anchors. */
  readonly anchor?: Anchor;
  readonly version?: string;
  /** Base64 nonce for the next MD5/HMAC digest (DM 1.2 Security 5.1.3). */
  readonly nextNonce?: string;
  readonly maxMsgSize?: number;
  readonly maxObjSize?: number;
  /** Experimental meta information, repeatable and opaque to us. */
  readonly emi?: readonly string[];
  readonly mem?: MetInfMem;
  readonly fieldLevel?: boolean;
}

export interface Anchor {
  readonly last?: string;
  readonly next: string;
}

export interface MetInfMem {
  readonly sharedMem?: boolean;
  readonly freeMem?: number;
  readonly freeId?: number;
}
