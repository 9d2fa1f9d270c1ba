import type { ElementNode } from '../tree/element';

/**
 * DS device information (DevInf DTD 1.1/1.2, namespace `syncml:devinf`), carried in the
 * Data of Put/Results for `./devinf12`. Elements we do not type (Filter-Rx, FilterCap,
 * DevInf 1.1's flat CTCap, vendor additions) are kept as `other` so nothing is lost.
 */
export interface DevInf {
  readonly verDTD: string;
  readonly man?: string;
  readonly mod?: string;
  readonly oem?: string;
  readonly fwV?: string;
  readonly swV?: string;
  readonly hwV?: string;
  readonly devId: string;
  /** `phone`, `smartphone`, `pda`, `server`, `workstation`, ... */
  readonly devTyp: string;
  readonly utc: boolean;
  readonly supportLargeObjs: boolean;
  readonly supportNumberOfChanges: boolean;
  readonly dataStores: readonly DataStore[];
  readonly ext: readonly DevInfExt[];
  readonly other: readonly ElementNode[];
}

export interface ContentTypeRef {
  readonly ctType: string;
  readonly verCT: string;
}

export interface DataStore {
  readonly sourceRef: string;
  readonly displayName?: string;
  readonly maxGUIDSize?: number;
  readonly rxPref?: ContentTypeRef;
  readonly rx: readonly ContentTypeRef[];
  readonly txPref?: ContentTypeRef;
  readonly tx: readonly ContentTypeRef[];
  /** DevInf 1.2: CTCap lives inside the DataStore. */
  readonly ctCaps: readonly CtCap[];
  readonly dsMem?: DsMem;
  readonly supportHierarchicalSync: boolean;
  /** SyncType values as sent (1..7, sometimes vendor values): strings, unknown ones kept. */
  readonly syncCap: { readonly syncTypes: readonly string[] };
  readonly other: readonly ElementNode[];
}

export interface DsMem {
  readonly sharedMem?: boolean;
  readonly maxMem?: number;
  readonly maxId?: number;
}

export interface CtCap {
  readonly ctType: string;
  readonly verCT?: string;
  readonly fieldLevel?: boolean;
  readonly properties: readonly CtCapProperty[];
}

export interface CtCapProperty {
  readonly propName: string;
  readonly valEnum: readonly string[];
  readonly dataType?: string;
  readonly maxSize?: number;
  readonly maxOccur?: number;
  readonly noTruncate?: boolean;
  readonly displayName?: string;
  readonly propParams: readonly CtCapPropParam[];
}

export interface CtCapPropParam {
  readonly paramName: string;
  readonly valEnum: readonly string[];
  readonly dataType?: string;
  readonly displayName?: string;
}

export interface DevInfExt {
  readonly xNam: string;
  readonly xVal: readonly string[];
}
