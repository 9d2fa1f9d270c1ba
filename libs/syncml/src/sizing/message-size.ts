import { encodeMessage, type EncodeMessageOptions, type MessageEncoding } from '../message.codec';
import type { SyncMLMessage } from '../model/message.model';

/** How big a message is on the wire. Default: really encode it (exact, page switches and escaping included). */
export type MessageSizer = (message: SyncMLMessage) => number;

export function encodedSizer(encoding: MessageEncoding, options?: EncodeMessageOptions): MessageSizer {
  return (message) => encodeMessage(message, encoding, options).byteLength;
}
