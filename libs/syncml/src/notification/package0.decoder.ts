import { ByteReader } from './byte-reader';
import { InitiatorByCode, PACKAGE0_DIGEST_LENGTH, UiModeByCode } from './package0.codes';
import type { Package0Notification } from './package0.types';

/**
 * Decodes a General Notification Initiated Session message (OMA-TS-DM_Notification 6.2).
 * Does not check the digest (verifyPackage0Digest) nor the version value: a device
 * simulator and a logger want to see 11 and 12 alike. Bad input -> SyncmlDecodeError only.
 */
export function decodePackage0(bytes: Uint8Array): Package0Notification {
  const r = new ByteReader(bytes, 'Package 0');
  const digest = r.bytes(PACKAGE0_DIGEST_LENGTH, 'digest');
  const triggerStart = r.offset;
  const b0 = r.u8('version');
  const b1 = r.u8('version/ui-mode/initiator');
  const version = (b0 << 2) | (b1 >>> 6);
  const uiMode = UiModeByCode[(b1 >>> 4) & 0x3];
  const initiator = InitiatorByCode[(b1 >>> 3) & 0x1];
  r.bytes(3, 'future-use'); // future-use must be 0 but is ignored on receipt (forward compatibility)
  const sessionId = r.u16('sessionid');
  const idLength = r.u8('length-identifier');
  const idOffset = r.offset;
  const id = r.bytes(idLength, 'server-identifier');
  let serverId: string;
  try {
    serverId = new TextDecoder('utf-8', { fatal: true }).decode(id);
  } catch {
    throw r.invalid('server-identifier is not UTF-8 text', idOffset);
  }
  const vendorSpecific = r.rest();
  // Both lookups are total over 2 and 1 bits; the guard keeps the types honest.
  if (uiMode === undefined || initiator === undefined) throw r.invalid('ui-mode/initiator', triggerStart + 1);
  return {
    digest,
    version,
    uiMode,
    initiator,
    sessionId,
    serverId,
    vendorSpecific,
    trigger: bytes.slice(triggerStart),
  };
}
