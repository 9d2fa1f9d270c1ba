/**
 * WSP assigned numbers used for OMA DM / CP push (WAP-230 appendix A and the OMNA
 * registries; cross-checked with Wireshark packet-wsp.c). Written once; reverse maps built below.
 */

/** WAP-230 8.2.1 PDU types. */
export const WspPduTypes = { push: 0x06, confirmedPush: 0x07 } as const;

/** OMNA well-known content types (encoded as short-integer 0x80 | code). */
export const WspContentTypes = {
  'application/vnd.wap.sic': 0x2e,
  'application/vnd.wap.slc': 0x30,
  'text/vnd.wap.connectivity-xml': 0x35,
  'application/vnd.wap.connectivity-wbxml': 0x36,
  'application/vnd.syncml.dm+wbxml': 0x42,
  'application/vnd.syncml.dm+xml': 0x43,
  'application/vnd.syncml.notification': 0x44,
  'application/vnd.syncml.ds.notification': 0x4e,
} as const;

/** OMNA push application ids (X-Wap-Application-Id values). */
export const WapApplicationIds = {
  'x-wap-application:*': 0x00,
  'x-wap-application:push.sia': 0x01,
  'x-wap-application:wml.ua': 0x02,
  'x-wap-application:wta.ua': 0x03,
  'x-wap-application:mms.ua': 0x04,
  'x-wap-application:push.syncml': 0x05,
  'x-wap-application:loc.ua': 0x06,
  'x-wap-application:syncml.dm': 0x07,
  'x-wap-application:drm.ua': 0x08,
  'x-wap-application:emn.ua': 0x09,
  'x-wap-application:wv.ua': 0x0a,
} as const;

/** WAP-230 table 39 header field names (only those we write or must recognise). */
export const WspHeaderFields = { 'content-type': 0x11, 'x-wap-application-id': 0x2f } as const;

/** WAP-230 table 38 parameters (encoding version 1.4): OMA-WAP-ProvBoot 5.3 uses SEC and MAC. */
export const WspParameters = { sec: 0x11, mac: 0x12 } as const;

/** OMA-WAP-ProvBoot 5.3 SEC values (short-integer). */
export const CpSecurityMethods = { NETWPIN: 0, USERPIN: 1, USERNETWPIN: 2, USERPINMAC: 3 } as const;

export type CpSecurityMethod = keyof typeof CpSecurityMethods;

function reverse<T extends Record<string, number>>(table: T): Readonly<Record<number, keyof T & string>> {
  return Object.fromEntries(Object.entries(table).map(([name, code]) => [code, name])) as Record<
    number,
    keyof T & string
  >;
}

export const WspContentTypeByCode = reverse(WspContentTypes);
export const WapApplicationIdByCode = reverse(WapApplicationIds);
export const WspParameterByCode = reverse(WspParameters);
export const CpSecurityMethodByCode = reverse(CpSecurityMethods);

/** The application a push content type is for when the caller does not say (OMA-TS-DM_Notification 6.3). */
export const defaultApplicationIdFor: Readonly<Record<string, keyof typeof WapApplicationIds>> = {
  'application/vnd.syncml.notification': 'x-wap-application:syncml.dm',
  'application/vnd.syncml.dm+wbxml': 'x-wap-application:syncml.dm',
  'application/vnd.syncml.ds.notification': 'x-wap-application:push.syncml',
};
