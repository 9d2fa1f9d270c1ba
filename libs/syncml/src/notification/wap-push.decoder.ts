import { ByteReader } from './byte-reader';
import {
  WapApplicationIdByCode,
  WspContentTypeByCode,
  WspHeaderFields,
  WspParameterByCode,
  WspPduTypes,
} from './wsp.codes';

export interface WapPush {
  readonly transactionId: number;
  readonly pduType: number;
  /** Media type as text (well-known codes mapped back; unknown codes as `0xNN`). */
  readonly contentType: string;
  readonly parameters: Readonly<Record<string, string | number>>;
  readonly applicationId?: string;
  /** Other headers, undecoded: field name (or `0xNN`) and the value octets. */
  readonly otherHeaders: ReadonlyArray<{ readonly name: string; readonly value: Uint8Array }>;
  readonly body: Uint8Array;
}

const hex = (code: number): string => `0x${code.toString(16).padStart(2, '0')}`;

/** WAP-230 8.4.2.1 Integer-value: Short-integer, or Long-integer (Short-length + up to 30 octets). */
function integerValue(r: ByteReader, field: string): number {
  const b = r.u8(field);
  if (b >= 0x80) return b & 0x7f;
  if (b > 8) throw r.invalid(`${field}: long integer of ${b} octets`, r.offset - 1);
  let v = 0;
  for (const o of r.bytes(b, field)) v = v * 256 + o;
  return v;
}

/** 8.4.2.3 Value-length: 0..30 directly, 31 then uintvar. */
function valueLength(r: ByteReader, field: string): number {
  const b = r.u8(field);
  return b === 0x1f ? r.uintvar(field) : b;
}

/** A header or parameter value we do not interpret: returns its raw octets. */
function skipValue(r: ByteReader, field: string): Uint8Array {
  const b = r.peek(field);
  if (b >= 0x80) return r.bytes(1, field);
  if (b <= 0x1f) return r.bytes(valueLength(r, field), field);
  return new TextEncoder().encode(r.cstring(field));
}

function parameterValue(r: ByteReader, name: string): string | number {
  const b = r.peek(name);
  if (b === 0x00) return r.cstring(name); // No-value
  if (b < 0x20 || b >= 0x80) return integerValue(r, name);
  return r.cstring(name);
}

/** 8.4.2.24 Content-type-value (whole header block is already bounded by HeadersLen). */
function contentType(r: ByteReader): { contentType: string; parameters: Record<string, string | number> } {
  const b = r.peek('content type');
  if (b >= 0x80) return { contentType: media(r.u8('content type') & 0x7f), parameters: {} };
  if (b >= 0x20) return { contentType: r.cstring('content type'), parameters: {} };
  const length = valueLength(r, 'content type length');
  const end = r.offset + length;
  if (length > r.remaining) throw r.invalid(`content type length ${length} runs past the headers`);
  const first = r.peek('media type');
  const type = first >= 0x20 && first < 0x80 ? r.cstring('media type') : media(integerValue(r, 'media type'));
  const parameters: Record<string, string | number> = {};
  while (r.offset < end) {
    const p = r.peek('parameter');
    const name =
      p >= 0x80
        ? (WspParameterByCode[r.u8('parameter') & 0x7f] ?? hex(p & 0x7f))
        : r.cstring('parameter name');
    parameters[name] = parameterValue(r, name);
  }
  if (r.offset !== end) throw r.invalid('content type parameters overrun their length', end);
  return { contentType: type, parameters };
}

function media(code: number): string {
  return WspContentTypeByCode[code] ?? hex(code);
}

/** Inverse of wrapWapPush: a connectionless Push PDU (WAP-230 8.2.4.1). Errors -> SyncmlDecodeError only. */
export function unwrapWapPush(bytes: Uint8Array): WapPush {
  const r = new ByteReader(bytes, 'WSP push');
  const transactionId = r.u8('transaction id');
  const pduType = r.u8('PDU type');
  if (pduType !== WspPduTypes.push && pduType !== WspPduTypes.confirmedPush)
    throw r.invalid(`PDU type ${hex(pduType)} is not Push`, 1);
  const headersLength = r.uintvar('headers length');
  const headerStart = r.offset;
  const block = new ByteReader(r.bytes(headersLength, 'headers'), 'WSP push headers', headerStart);
  const { contentType: type, parameters } = contentType(block);
  let applicationId: string | undefined;
  const otherHeaders: Array<{ name: string; value: Uint8Array }> = [];
  while (block.remaining > 0) {
    const f = block.peek('header');
    if (f === (0x80 | WspHeaderFields['x-wap-application-id'])) {
      block.u8('header');
      const v = block.peek('application id');
      applicationId =
        v >= 0x20 && v < 0x80
          ? block.cstring('application id')
          : appId(integerValue(block, 'application id'));
    } else if (f >= 0x80) {
      block.u8('header');
      otherHeaders.push({ name: hex(f & 0x7f), value: skipValue(block, 'header value') });
    } else if (f >= 0x20) {
      const name = block.cstring('header name');
      otherHeaders.push({ name, value: new TextEncoder().encode(block.cstring('header value')) });
    } else {
      throw block.invalid(`header code page shift ${hex(f)} is not supported`);
    }
  }
  const result: WapPush = {
    transactionId,
    pduType,
    contentType: type,
    parameters,
    otherHeaders,
    body: r.rest(),
  };
  return applicationId === undefined ? result : { ...result, applicationId };
}

function appId(code: number): string {
  return WapApplicationIdByCode[code] ?? hex(code);
}
