import { encodeMessage, type SyncMLMessage } from '@dms/syncml';
import type { Misbehaviour } from './handset.options';

export interface WireBody {
  readonly bytes: Uint8Array;
  readonly encoding: 'xml' | 'wbxml';
}

/**
 * The bytes a misbehaving handset sends instead of a valid message:
 * - xml: well-formed up to a mismatched end tag (`</SyncBdy>`), sent as +xml;
 * - wbxml: the third-last token (Final or an END) replaced by tag 0x3F, which no SyncML code page defines;
 * - truncated: the valid message in the session encoding, cut in half.
 */
export function malformedBody(
  message: SyncMLMessage,
  kind: NonNullable<Misbehaviour['malformedMessage']>,
  encoding: 'xml' | 'wbxml',
): WireBody {
  if (kind === 'xml') {
    const text = new TextDecoder().decode(encodeMessage(message, 'xml')).replace('</SyncBody>', '</SyncBdy>');
    return { bytes: new TextEncoder().encode(text), encoding: 'xml' };
  }
  if (kind === 'wbxml') {
    const bytes = encodeMessage(message, 'wbxml').slice();
    bytes[bytes.length - 3] = 0x3f;
    return { bytes, encoding: 'wbxml' };
  }
  const whole = encodeMessage(message, encoding);
  return { bytes: whole.slice(0, Math.floor(whole.byteLength / 2)), encoding };
}
