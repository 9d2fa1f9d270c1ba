import { SyncmlDecodeError, SyncmlErrorCodes } from './errors/syncml.error';
import { documentToMessage, messageToDocument, type MessageWriteOptions } from './mapping';
import type { SyncMLMessage } from './model/message.model';
import type { SyncmlDocument } from './tree/element';
import { decodeWbxmlDocument, encodeWbxmlDocument, type WbxmlEncodeOptions, type WbxmlLimits } from './wbxml';
import { decodeXmlDocument, encodeXmlDocument, type XmlEncodeOptions, type XmlLimits } from './xml';

/** The two SyncML encodings (`application/vnd.syncml[.dm]+xml` / `+wbxml`). */
export type MessageEncoding = 'xml' | 'wbxml';

export interface DecodeMessageOptions {
  /** HTTP Content-Type; when it says +xml or +wbxml it decides, else the first byte does. */
  readonly contentType?: string;
  readonly xmlLimits?: Partial<XmlLimits>;
  readonly wbxmlLimits?: Partial<WbxmlLimits>;
}

export interface DecodedMessage {
  readonly message: SyncMLMessage;
  readonly encoding: MessageEncoding;
  readonly document: SyncmlDocument;
}

export interface EncodeMessageOptions {
  readonly xml?: XmlEncodeOptions;
  readonly wbxml?: WbxmlEncodeOptions;
  readonly data?: MessageWriteOptions;
}

/**
 * WBXML starts with its version byte (WAP-192 5.4: 0x00 = 1.0 ... 0x03 = 1.3); XML starts
 * with `<`, a BOM or whitespace, never with a byte below 0x04.
 */
export function detectEncoding(bytes: Uint8Array, contentType?: string): MessageEncoding {
  const type = contentType?.toLowerCase() ?? '';
  if (type.includes('+wbxml')) return 'wbxml';
  if (type.includes('+xml')) return 'xml';
  const first = bytes[0];
  return first !== undefined && first <= 0x03 ? 'wbxml' : 'xml';
}

export function decodeMessage(bytes: Uint8Array, options: DecodeMessageOptions = {}): DecodedMessage {
  if (bytes.byteLength === 0)
    throw new SyncmlDecodeError(SyncmlErrorCodes.truncated, 'empty message', { offset: 0 });
  const encoding = detectEncoding(bytes, options.contentType);
  const document =
    encoding === 'wbxml'
      ? decodeWbxmlDocument(bytes, options.wbxmlLimits)
      : decodeXmlDocument(bytes, options.xmlLimits);
  return { message: documentToMessage(document), encoding, document };
}

const utf8 = new TextEncoder();

/** Typed message -> body bytes in the given encoding (XML as UTF-8, compact, with declaration). */
export function encodeMessage(
  msg: SyncMLMessage,
  encoding: MessageEncoding,
  options: EncodeMessageOptions = {},
): Uint8Array {
  const document = messageToDocument(msg, options.data);
  return encoding === 'wbxml'
    ? encodeWbxmlDocument(document, options.wbxml)
    : utf8.encode(encodeXmlDocument(document, options.xml));
}

/** Content type of a message body: DM uses `vnd.syncml.dm+…`, DS `vnd.syncml+…` (VerProto tells which). */
export function contentTypeFor(msg: SyncMLMessage, encoding: MessageEncoding): string {
  const dm = msg.hdr.verProto.startsWith('DM/');
  return `application/vnd.syncml${dm ? '.dm' : ''}+${encoding}`;
}
