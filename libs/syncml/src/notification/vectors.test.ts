import vectors from '../../test-vectors/vectors.json';
import { hexBytes, toHex } from './codec-case';
import { cpMac, imsiSemiOctets, userPinMac } from './cp-mac';
import { wrapCpPush } from './cp-push.encoder';
import { decodePackage0 } from './package0.decoder';
import { encodePackage0, encodePackage0Trigger } from './package0.encoder';
import { verifyPackage0Digest } from './package0-digest';
import type { Initiator, UiMode } from './package0.codes';
import { parseSmsSegments } from './sms-segment.decoder';
import { segmentForSms } from './sms-segment.encoder';
import { unwrapWapPush } from './wap-push.decoder';
import { wrapWapPush } from './wap-push.encoder';

// vectors.json is written by test-vectors/compute_vectors.py (Python hashlib/hmac, independent of this code).
describe('Package 0 against the Python reference vectors', () => {
  it.each(vectors.package0)('$label', (v) => {
    const fields = {
      uiMode: v.uiMode as UiMode,
      initiator: v.initiator as Initiator,
      sessionId: v.sessionId,
      serverId: v.serverId,
      vendorSpecific: hexBytes(v.vendorHex),
    };
    const version = v.version as 11 | 12;
    const options = {
      serverPassword: v.password,
      serverNonce: hexBytes(v.nonceHex),
      versionField: version,
      digestName: v.digestName as 'server-id' | 'username',
      username: v.name,
    };
    expect(toHex(encodePackage0Trigger(fields, version))).toBe(v.triggerHex);
    const pkg0 = encodePackage0(fields, options);
    expect(toHex(pkg0)).toBe(v.pkg0Hex);
    const wsp = wrapWapPush(pkg0, 'application/vnd.syncml.notification');
    expect(toHex(wsp)).toBe(v.wspHex);
    expect(segmentForSms(wsp, { reference: 0x42 }).map((s) => toHex(s.userData))).toEqual(v.smsUserDataHex);

    const decoded = decodePackage0(unwrapWapPush(parseSmsSegments(v.smsUserDataHex.map(hexBytes)).wsp).body);
    expect(decoded).toMatchObject({
      version,
      uiMode: v.uiMode,
      initiator: v.initiator,
      sessionId: v.sessionId,
      serverId: v.serverId,
    });
    expect(toHex(decoded.digest)).toBe(v.digestHex);
    const candidates = { password: v.password, username: v.name, nonces: [hexBytes(v.nonceHex)] };
    expect(verifyPackage0Digest(decoded, candidates)).toMatchObject({
      valid: true,
      digestName: v.digestName,
    });
  });

  it('concatenated SMS segments match the reference byte for byte', () => {
    const c = vectors.smsConcat;
    expect(
      segmentForSms(hexBytes(c.wspHex), { reference: c.reference }).map((s) => toHex(s.userData)),
    ).toEqual(c.segmentsHex);
    expect(toHex(parseSmsSegments(c.segmentsHex.map(hexBytes)).wsp)).toBe(c.wspHex);
  });
});

describe('CP MAC against the Python reference vectors', () => {
  const cp = vectors.cp;
  const doc = hexBytes(cp.docHex);

  it('derives the NETWPIN key from the IMSI', () => {
    expect(toHex(imsiSemiOctets(cp.imsi))).toBe(cp.imsiKeyHex);
    expect(toHex(imsiSemiOctets(cp.imsi.slice(0, 14)))).toBe(cp.imsiEvenKeyHex);
  });

  it('computes the MAC for each SEC method', () => {
    expect(cpMac(doc, { sec: 'NETWPIN', imsi: cp.imsi })).toBe(cp.macs.NETWPIN);
    expect(cpMac(doc, { sec: 'USERPIN', pin: cp.pin })).toBe(cp.macs.USERPIN);
    expect(cpMac(doc, { sec: 'USERNETWPIN', imsi: cp.imsi, pin: cp.pin })).toBe(cp.macs.USERNETWPIN);
    expect(userPinMac(doc, cp.userPinMac.key)).toBe(cp.userPinMac.pin);
  });

  it('produces the USERPIN push header', () => {
    expect(toHex(wrapCpPush(doc, { sec: 'USERPIN', pin: cp.pin }))).toBe(cp.userPinPushHeaderHex + cp.docHex);
  });
});
