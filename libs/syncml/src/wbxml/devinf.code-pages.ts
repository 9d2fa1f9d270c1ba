import { Namespaces } from '../tree/element';
import { codePage } from './code-page';

/** Tokens DevInf 1.0/1.1 and 1.2 share (one code page 0, namespace `syncml:devinf`). */
const DevInfCommonTokens = {
  CTCap: 0x05,
  CTType: 0x06,
  DataStore: 0x07,
  DataType: 0x08,
  DevID: 0x09,
  DevInf: 0x0a,
  DevTyp: 0x0b,
  DisplayName: 0x0c,
  DSMem: 0x0d,
  Ext: 0x0e,
  FwV: 0x0f,
  HwV: 0x10,
  Man: 0x11,
  MaxGUIDSize: 0x12,
  MaxID: 0x13,
  MaxMem: 0x14,
  Mod: 0x15,
  OEM: 0x16,
  ParamName: 0x17,
  PropName: 0x18,
  Rx: 0x19,
  'Rx-Pref': 0x1a,
  SharedMem: 0x1b,
  SourceRef: 0x1d,
  SwV: 0x1e,
  SyncCap: 0x1f,
  SyncType: 0x20,
  Tx: 0x21,
  'Tx-Pref': 0x22,
  ValEnum: 0x23,
  VerCT: 0x24,
  VerDTD: 0x25,
  XNam: 0x26,
  XVal: 0x27,
  UTC: 0x28,
  SupportNumberOfChanges: 0x29,
  SupportLargeObjs: 0x2a,
} as const;

/** SyncML Device Information 1.2: 0x1C is `MaxSize`, and the property/filter tokens above 0x2A. */
export const DevInf12Tokens = {
  ...DevInfCommonTokens,
  MaxSize: 0x1c,
  Property: 0x2b,
  PropParam: 0x2c,
  MaxOccur: 0x2d,
  NoTruncate: 0x2e,
  'Filter-Rx': 0x30,
  FilterCap: 0x31,
  FilterKeyword: 0x32,
  FieldLevel: 0x33,
  SupportHierarchicalSync: 0x34,
} as const;

/** DevInf 1.0/1.1: 0x1C is `Size` (renamed MaxSize in 1.2); nothing above 0x2A. */
export const DevInf11Tokens = { ...DevInfCommonTokens, Size: 0x1c } as const;

export function devInfCodePages(version: '1.1' | '1.2') {
  return [codePage(0, Namespaces.devinf, version === '1.2' ? DevInf12Tokens : DevInf11Tokens)];
}
