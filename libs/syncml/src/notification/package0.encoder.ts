import { SyncmlEncodeError } from '../errors/syncml.error';
import { ByteWriter } from './byte-writer';
import { Initiators, UiModes } from './package0.codes';
import { package0Digest } from './package0-digest';
import type { Package0EncodeOptions, Package0Fields } from './package0.types';

function cannotEncode(message: string): SyncmlEncodeError {
  return new SyncmlEncodeError('SYNCML_CANNOT_ENCODE', `Package 0: ${message}`);
}

/**
 * trigger-hdr (OMA-TS-DM_Notification 6.2): version(10) ui-mode(2) initiator(1) future-use(27)
 * sessionid(16) length-identifier(8), then server-identifier, then trigger-body (vendor-specific).
 */
export function encodePackage0Trigger(fields: Package0Fields, versionField = 11): Uint8Array {
  const serverId = new TextEncoder().encode(fields.serverId);
  if (!Number.isInteger(versionField) || versionField < 0 || versionField > 0x3ff)
    throw cannotEncode(`version ${versionField} does not fit 10 bits`);
  if (!Number.isInteger(fields.sessionId) || fields.sessionId < 0 || fields.sessionId > 0xffff) {
    throw cannotEncode(`sessionId ${fields.sessionId} does not fit 16 bits`);
  }
  if (serverId.byteLength > 0xff)
    throw cannotEncode(`server identifier is ${serverId.byteLength} bytes, at most 255`);
  const ui = UiModes[fields.uiMode];
  const initiator = Initiators[fields.initiator];
  if (ui === undefined || initiator === undefined) throw cannotEncode('unknown ui-mode or initiator');
  return new ByteWriter()
    .u8(versionField >>> 2) // version bits 9..2
    .u8(((versionField & 0x3) << 6) | (ui << 4) | (initiator << 3)) // version bits 1..0, ui-mode, initiator, 3 future-use bits
    .bytes([0, 0, 0]) // remaining 24 future-use bits: must be 0
    .u16(fields.sessionId)
    .u8(serverId.byteLength)
    .bytes(serverId)
    .bytes(fields.vendorSpecific ?? [])
    .toBytes();
}

/** digest(16) ‖ trigger: the complete General Notification Initiated Session message. */
export function encodePackage0(fields: Package0Fields, options: Package0EncodeOptions): Uint8Array {
  const trigger = encodePackage0Trigger(fields, options.versionField ?? 11);
  const digestName = options.digestName ?? 'server-id';
  const name = digestName === 'server-id' ? fields.serverId : options.username;
  if (name === undefined)
    throw cannotEncode("digestName 'username' needs options.username (the SRVCRED AAuthName)");
  const digest = package0Digest(
    name,
    options.serverPassword,
    options.serverNonce,
    trigger,
    options.nonceForm,
  );
  return new ByteWriter().bytes(digest).bytes(trigger).toBytes();
}
