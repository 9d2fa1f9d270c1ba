import type { ElementNode } from '../tree/element';
import type { DevInf } from './devinf.model';
import type { MetInf } from './metinf.model';

/** Target / Source of a header, command or item: a URI and an optional name. */
export interface Location {
  readonly locURI: string;
  readonly locName?: string;
}

/**
 * What a Data element holds:
 * - `string`: text (Format chr/xml/b64/int/..., also UTF-8 opaque from WBXML);
 * - `Uint8Array`: raw bytes, only when the Format is `bin` (WBXML OPAQUE);
 * - DevInf: a typed DS device information document;
 * - MetInf: meta information as data (the Anchor echoed in a DS Alert Status);
 * - ElementNode: any other nested document (DM DDF MgmtTree, TNDS), kept as a tree.
 */
export type ItemData = string | Uint8Array | DevInfData | MetInfData | ElementNode;

export interface DevInfData {
  readonly kind: 'devinf';
  readonly devInf: DevInf;
  /** WBXML public id it arrived with as an embedded document, reproduced by the WBXML encoder. */
  readonly embeddedPublicId?: number | string;
}

export interface MetInfData {
  readonly kind: 'metinf';
  readonly meta: MetInf;
}

export interface Item {
  readonly target?: Location;
  readonly source?: Location;
  readonly sourceParent?: Location;
  readonly targetParent?: Location;
  readonly meta?: MetInf;
  readonly data?: ItemData;
  /** Not the last chunk of a large object (DM 1.2 2.2). */
  readonly moreData?: boolean;
}

export interface Cred {
  /** Type = auth scheme (`syncml:auth-md5`), Format usually `b64`. */
  readonly meta: MetInf;
  readonly data: string;
}

export interface Chal {
  readonly meta: MetInf;
}
