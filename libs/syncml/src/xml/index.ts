/**
 * XML codec for SyncML documents.
 *
 * Whitespace decision: whitespace-only text between elements is layout and is dropped;
 * all other text, including Data content, is kept exactly as written (a vCard's
 * trailing CRLF matters). Scalar fields (CmdID, LocURI, ...) are trimmed by the message
 * mapping, not here, so the codec stays lossless for text.
 */
export { decodeXmlDocument } from './xml.decoder';
export { encodeXmlDocument, type XmlEncodeOptions } from './xml.encoder';
export { defaultXmlLimits, type XmlLimits } from './xml-limits';
