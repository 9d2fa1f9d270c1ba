import { SyncmlEncodeError } from '../errors/syncml.error';
import { ByteWriter } from './byte-writer';
import {
  WapApplicationIds,
  WspContentTypes,
  WspHeaderFields,
  WspParameters,
  WspPduTypes,
  defaultApplicationIdFor,
} from './wsp.codes';

export interface WspContentTypeParameters {
  /** SEC: short-integer (CpSecurityMethods) */
  readonly sec?: number;
  /** MAC: text, e.g. 40 upper-case hex digits */
  readonly mac?: string;
}

export interface WapPushOptions {
  /** WSP transaction id (push id), 0..255. */
  readonly transactionId?: number;
  /** X-Wap-Application-Id; default by content type (syncml.dm for Package 0); null = send none. */
  readonly applicationId?: string | number | null;
  readonly parameters?: WspContentTypeParameters;
}

function textOrCode(table: Readonly<Record<string, number>>, value: string): number | undefined {
  return table[value.toLowerCase()];
}

/** WAP-230 8.4.2.24 Content-type-value: Constrained-media, or Value-length Media-type *Parameter. */
function contentTypeValue(contentType: string, parameters: WspContentTypeParameters | undefined): Uint8Array {
  const code = textOrCode(WspContentTypes, contentType);
  const media = new ByteWriter();
  if (code !== undefined) media.u8(0x80 | code);
  else media.cstring(contentType);
  if (parameters === undefined || (parameters.sec === undefined && parameters.mac === undefined))
    return media.toBytes();
  if (parameters.sec !== undefined) media.u8(0x80 | WspParameters.sec).u8(0x80 | parameters.sec); // Typed-parameter, Short-integer value
  if (parameters.mac !== undefined) media.u8(0x80 | WspParameters.mac).cstring(parameters.mac); // Text-value
  const body = media.toBytes();
  const out = new ByteWriter();
  // 8.4.2.2 Value-length: Short-length (0..30) or Length-quote (31) + uintvar
  if (body.byteLength <= 30) out.u8(body.byteLength);
  else out.u8(0x1f).uintvar(body.byteLength);
  return out.bytes(body).toBytes();
}

function applicationIdHeader(
  contentType: string,
  applicationId: WapPushOptions['applicationId'],
): Uint8Array {
  const id = applicationId === undefined ? defaultApplicationIdFor[contentType.toLowerCase()] : applicationId;
  if (id === null || id === undefined) return new Uint8Array();
  const out = new ByteWriter().u8(0x80 | WspHeaderFields['x-wap-application-id']);
  const code = typeof id === 'number' ? id : textOrCode(WapApplicationIds, id);
  if (code !== undefined && code <= 0x7f) return out.u8(0x80 | code).toBytes(); // Short-integer
  if (typeof id === 'number')
    throw new SyncmlEncodeError('SYNCML_CANNOT_ENCODE', `application id ${id} does not fit a short integer`);
  return out.cstring(id).toBytes(); // Uri-value
}

/**
 * Connectionless WSP Push PDU (WAP-230 8.2.4.1): TID, PDU type 0x06, HeadersLen (uintvar),
 * ContentType, Headers, Data. For Package 0 this gives `01 06 03 C4 AF 87` + payload
 * (OMA-TS-DM_Notification 6.3).
 */
export function wrapWapPush(
  payload: Uint8Array,
  contentType: string,
  options: WapPushOptions = {},
): Uint8Array {
  const tid = options.transactionId ?? 1;
  if (!Number.isInteger(tid) || tid < 0 || tid > 0xff)
    throw new SyncmlEncodeError('SYNCML_CANNOT_ENCODE', `transaction id ${tid} is not an octet`);
  const headers = new ByteWriter()
    .bytes(contentTypeValue(contentType, options.parameters))
    .bytes(applicationIdHeader(contentType, options.applicationId))
    .toBytes();
  return new ByteWriter()
    .u8(tid)
    .u8(WspPduTypes.push)
    .uintvar(headers.byteLength)
    .bytes(headers)
    .bytes(payload)
    .toBytes();
}
