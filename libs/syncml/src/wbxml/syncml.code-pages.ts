import { Namespaces } from '../tree/element';
import { codePage } from './code-page';
import { DmDdfTokens } from './dm-ddf.code-pages';

/** SyncML Representation Protocol 1.1/1.2, WBXML code page 0 (1.2 adds 0x35..0x3C). */
export const SyncmlTokens = {
  Add: 0x05,
  Alert: 0x06,
  Archive: 0x07,
  Atomic: 0x08,
  Chal: 0x09,
  Cmd: 0x0a,
  CmdID: 0x0b,
  CmdRef: 0x0c,
  Copy: 0x0d,
  Cred: 0x0e,
  Data: 0x0f,
  Delete: 0x10,
  Exec: 0x11,
  Final: 0x12,
  Get: 0x13,
  Item: 0x14,
  Lang: 0x15,
  LocName: 0x16,
  LocURI: 0x17,
  Map: 0x18,
  MapItem: 0x19,
  Meta: 0x1a,
  MsgID: 0x1b,
  MsgRef: 0x1c,
  NoResp: 0x1d,
  NoResults: 0x1e,
  Put: 0x1f,
  Replace: 0x20,
  RespURI: 0x21,
  Results: 0x22,
  Search: 0x23,
  Sequence: 0x24,
  SessionID: 0x25,
  SftDel: 0x26,
  Source: 0x27,
  SourceRef: 0x28,
  Status: 0x29,
  Sync: 0x2a,
  SyncBody: 0x2b,
  SyncHdr: 0x2c,
  SyncML: 0x2d,
  Target: 0x2e,
  TargetRef: 0x2f,
  VerDTD: 0x31,
  VerProto: 0x32,
  NumberOfChanges: 0x33,
  MoreData: 0x34,
  Field: 0x35,
  Filter: 0x36,
  Record: 0x37,
  FilterType: 0x38,
  SourceParent: 0x39,
  TargetParent: 0x3a,
  Move: 0x3b,
  Correlator: 0x3c,
} as const;

/** SyncML Meta Information 1.1/1.2, WBXML code page 1 (namespace `syncml:metinf`). */
export const MetinfTokens = {
  Anchor: 0x05,
  EMI: 0x06,
  Format: 0x07,
  FreeID: 0x08,
  FreeMem: 0x09,
  Last: 0x0a,
  Mark: 0x0b,
  MaxMsgSize: 0x0c,
  Mem: 0x0d,
  MetInf: 0x0e,
  Next: 0x0f,
  NextNonce: 0x10,
  SharedMem: 0x11,
  Size: 0x12,
  Type: 0x13,
  Version: 0x14,
  MaxObjSize: 0x15,
  FieldLevel: 0x16,
} as const;

export const SyncmlPages = {
  syncml: 0,
  metinf: 1,
  /** DM DDF inline in a DM message (Android DM clients' table; libwbxml's stand-alone DDF uses page 2 too). */
  dmddf: 2,
} as const;

/** Code pages of a SyncML 1.2 document; a 1.1 document differs only in its root namespace. */
export function syncmlCodePages(rootNs: string) {
  return [
    codePage(SyncmlPages.syncml, rootNs, SyncmlTokens),
    codePage(SyncmlPages.metinf, Namespaces.metinf, MetinfTokens),
    codePage(SyncmlPages.dmddf, Namespaces.dmddf12, DmDdfTokens),
  ];
}
