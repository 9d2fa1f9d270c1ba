import { Namespaces } from '../tree/element';
import { codePage } from './code-page';

/**
 * OMA DM DDF 1.2 (MgmtTree) tokens. libwbxml's stand-alone DDF document and Android
 * DM clients both put them on code page 2. Names follow the DTD (`DFFormat`,
 * `Occurrence`); some Android tables misspell them (`DDFFormat`, `Occurence`).
 */
export const DmDdfTokens = {
  AccessType: 0x05,
  ACL: 0x06,
  Add: 0x07,
  b64: 0x08,
  bin: 0x09,
  bool: 0x0a,
  chr: 0x0b,
  CaseSense: 0x0c,
  CIS: 0x0d,
  Copy: 0x0e,
  CS: 0x0f,
  date: 0x10,
  DDFName: 0x11,
  DefaultValue: 0x12,
  Delete: 0x13,
  Description: 0x14,
  DFFormat: 0x15,
  DFProperties: 0x16,
  DFTitle: 0x17,
  DFType: 0x18,
  Dynamic: 0x19,
  Exec: 0x1a,
  float: 0x1b,
  Format: 0x1c,
  Get: 0x1d,
  int: 0x1e,
  Man: 0x1f,
  MgmtTree: 0x20,
  MIME: 0x21,
  Mod: 0x22,
  Name: 0x23,
  Node: 0x24,
  node: 0x25,
  NodeName: 0x26,
  null: 0x27,
  Occurrence: 0x28,
  One: 0x29,
  OneOrMore: 0x2a,
  OneOrN: 0x2b,
  Path: 0x2c,
  Permanent: 0x2d,
  Replace: 0x2e,
  RTProperties: 0x2f,
  Scope: 0x30,
  Size: 0x31,
  time: 0x32,
  Title: 0x33,
  TStamp: 0x34,
  Type: 0x35,
  Value: 0x36,
  VerDTD: 0x37,
  VerNo: 0x38,
  xml: 0x39,
  ZeroOrMore: 0x3a,
  ZeroOrN: 0x3b,
  ZeroOrOne: 0x3c,
} as const;

export const DmDdfPage = 2;

/** A stand-alone DDF document (embedded in OPAQUE): pages 0 and 1 are empty, DDF on page 2. */
export function dmDdfCodePages() {
  return [codePage(DmDdfPage, Namespaces.dmddf12, DmDdfTokens)];
}
