/**
 * WBXML tokens of the OMA Client Provisioning document (WAP-183 ProvCont / OMA-WAP-ProvCont
 * 1.1, public id 0x0B `-//WAPFORUM//DTD PROV 1.0//EN`), as libwbxml 0.11 tables them
 * (sv_prov10_*). Attribute code page 0 is the WAP 2.0 set, page 1 the OMA additions
 * (APPLICATION, APPADDR, APPAUTH and their parm names). Only the tokens of attribute
 * start (name, or name=value prefix) are listed; values are always inline strings, which
 * every decoder reads, so the AAUTHTYPE value tokens that differ between libwbxml builds are avoided.
 */
export const PROV_PUBLIC_ID = 0x0b;

/** Tag tokens: identical on tag pages 0 and 1, so the encoder never switches tag page. */
export const ProvTags = { 'wap-provisioningdoc': 0x05, characteristic: 0x06, parm: 0x07 } as const;

export interface AttributeToken {
  readonly page: 0 | 1;
  readonly token: number;
}

/** `version` (no value prefix) and the generic `name`, `value`, `type` starts. */
export const ProvGenericAttributes: Readonly<
  Record<'version' | 'name' | 'value' | 'type', readonly AttributeToken[]>
> = {
  version: [{ page: 0, token: 0x45 }],
  name: [
    { page: 1, token: 0x05 },
    { page: 0, token: 0x05 },
  ],
  value: [
    { page: 1, token: 0x06 },
    { page: 0, token: 0x06 },
  ],
  type: [
    { page: 1, token: 0x50 },
    { page: 0, token: 0x50 },
  ],
};

/** `type="X"` attribute starts of characteristic. */
export const ProvCharacteristicTypes: Readonly<Record<string, readonly AttributeToken[]>> = {
  PXLOGICAL: [{ page: 0, token: 0x51 }],
  PXPHYSICAL: [{ page: 0, token: 0x52 }],
  PORT: [
    { page: 1, token: 0x53 },
    { page: 0, token: 0x53 },
  ],
  VALIDITY: [{ page: 0, token: 0x54 }],
  NAPDEF: [{ page: 0, token: 0x55 }],
  BOOTSTRAP: [{ page: 0, token: 0x56 }],
  VENDORCONFIG: [{ page: 0, token: 0x57 }],
  CLIENTIDENTITY: [
    { page: 1, token: 0x58 },
    { page: 0, token: 0x58 },
  ],
  PXAUTHINFO: [{ page: 0, token: 0x59 }],
  NAPAUTHINFO: [{ page: 0, token: 0x5a }],
  ACCESS: [{ page: 0, token: 0x5b }],
  APPLICATION: [{ page: 1, token: 0x55 }],
  APPADDR: [{ page: 1, token: 0x56 }],
  APPAUTH: [{ page: 1, token: 0x57 }],
  RESOURCE: [{ page: 1, token: 0x59 }],
};

/** `name="X"` attribute starts of parm used by the w7 APPLICATION characteristic (page 1) and common NAPDEF ones (page 0). */
export const ProvParmNames: Readonly<Record<string, readonly AttributeToken[]>> = {
  NAME: [
    { page: 1, token: 0x07 },
    { page: 0, token: 0x07 },
  ],
  'NAP-ADDRESS': [{ page: 0, token: 0x08 }],
  'NAP-ADDRTYPE': [{ page: 0, token: 0x09 }],
  AUTHTYPE: [{ page: 0, token: 0x0c }],
  AUTHNAME: [{ page: 0, token: 0x0d }],
  AUTHSECRET: [{ page: 0, token: 0x0e }],
  BEARER: [{ page: 0, token: 0x10 }],
  NAPID: [{ page: 0, token: 0x11 }],
  'PROXY-ID': [{ page: 0, token: 0x15 }],
  PXADDR: [{ page: 0, token: 0x20 }],
  PXADDRTYPE: [{ page: 0, token: 0x21 }],
  'TO-NAPID': [
    { page: 1, token: 0x22 },
    { page: 0, token: 0x22 },
  ],
  PORTNBR: [
    { page: 1, token: 0x23 },
    { page: 0, token: 0x23 },
  ],
  SERVICE: [
    { page: 1, token: 0x24 },
    { page: 0, token: 0x24 },
  ],
  AACCEPT: [{ page: 1, token: 0x2e }],
  AAUTHDATA: [{ page: 1, token: 0x2f }],
  AAUTHLEVEL: [{ page: 1, token: 0x30 }],
  AAUTHNAME: [{ page: 1, token: 0x31 }],
  AAUTHSECRET: [{ page: 1, token: 0x32 }],
  AAUTHTYPE: [{ page: 1, token: 0x33 }],
  ADDR: [{ page: 1, token: 0x34 }],
  ADDRTYPE: [{ page: 1, token: 0x35 }],
  APPID: [{ page: 1, token: 0x36 }],
  APROTOCOL: [{ page: 1, token: 0x37 }],
  'PROVIDER-ID': [{ page: 1, token: 0x38 }],
  'TO-PROXY': [{ page: 1, token: 0x39 }],
  URI: [{ page: 1, token: 0x3a }],
  RULE: [{ page: 1, token: 0x3b }],
};

/** WBXML 1.3 5.8.4 global tokens the encoder writes. */
export const WbxmlGlobal = { SWITCH_PAGE: 0x00, END: 0x01, STR_I: 0x03 } as const;
/** Tag token flags: bit 7 = has attributes, bit 6 = has content. */
export const WbxmlTagFlags = { attributes: 0x80, content: 0x40 } as const;
