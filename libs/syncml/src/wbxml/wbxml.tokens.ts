/**
 * WBXML 1.3 (WAP-192) global tokens: the same byte on every code page. A tag byte is
 * `token | HasContent | HasAttributes` with token 0x05..0x3F.
 */
export const GlobalTokens = {
  SWITCH_PAGE: 0x00,
  END: 0x01,
  ENTITY: 0x02,
  STR_I: 0x03,
  LITERAL: 0x04,
  EXT_I_0: 0x40,
  EXT_I_1: 0x41,
  EXT_I_2: 0x42,
  PI: 0x43,
  LITERAL_C: 0x44,
  EXT_T_0: 0x80,
  EXT_T_1: 0x81,
  EXT_T_2: 0x82,
  STR_T: 0x83,
  LITERAL_A: 0x84,
  EXT_0: 0xc0,
  EXT_1: 0xc1,
  EXT_2: 0xc2,
  OPAQUE: 0xc3,
  LITERAL_AC: 0xc4,
} as const;

export const TagFlags = {
  hasContent: 0x40,
  hasAttributes: 0x80,
  tokenMask: 0x3f,
} as const;

/** First tag token a code page may assign (0x00..0x04 are global tokens). */
export const FirstTagToken = 0x05;

/** IANA MIBenum values for the charset field. */
export const Charsets = {
  unknown: 0,
  usAscii: 3,
  iso88591: 4,
  utf8: 106,
} as const;

/** Version byte: high nibble major-1, low nibble minor. */
export const WbxmlVersions = { v1_0: 0x00, v1_1: 0x01, v1_2: 0x02, v1_3: 0x03 } as const;
export type WbxmlVersion = 0x01 | 0x02 | 0x03;
