import { userHashB64 } from '../auth/auth-hash';
import { basicCredential } from '../auth/basic.auth';
import { computeHmacMac } from '../auth/hmac-header.auth';
import { md5Credential } from '../auth/md5-digest.auth';
import { nonceFromB64, nonceFromBytes } from '../auth/nonce';
import { hexBytes, toHex } from './codec-case';
import { decodePackage0 } from './package0.decoder';
import { encodePackage0 } from './package0.encoder';
import { segmentForSms } from './sms-segment.encoder';
import { wrapWapPush } from './wap-push.encoder';

/**
 * The vectors printed in /work/shared/reference/notification-bootstrap.md section 6 (and
 * oma-dm-1.2.md 10.2/10.3), copied here by hand so a change to either side shows up.
 * The CP MAC vectors of 6.4 are checked through vectors.json (same 343-byte document).
 */
const nonce01 = nonceFromB64('AQIDBAUGBwgJCgsMDQ4PEA==');
const serverNonce = hexBytes('0f1e2d3c4b5a69788796a5b4c3d2e1f0');
const fields = {
  uiMode: 'background',
  initiator: 'server',
  sessionId: 0x1a2b,
  serverId: 'com.example.dms',
} as const;

describe('fact sheet 6.1: basic and MD5 credentials', () => {
  it('basic dmuser:dmpass and Bruce2:OhBehave', () => {
    expect(basicCredential('dmuser', 'dmpass')).toBe('ZG11c2VyOmRtcGFzcw==');
    expect(basicCredential('Bruce2', 'OhBehave')).toBe('QnJ1Y2UyOk9oQmVoYXZl');
  });
  it('md5 spec example and dmclient01 with both nonce forms', () => {
    expect(md5Credential('Bruce2', 'OhBehave', nonceFromBytes(new TextEncoder().encode('Nonce')))).toBe(
      'Zz6EivR3yeaaENcRN6lpAQ==',
    );
    expect(userHashB64('dmclient01', 'clientSecret')).toBe('BLi3ZzMvOR8Rq5+i4nz4FA==');
    expect(toHex(Buffer.from(md5Credential('dmclient01', 'clientSecret', nonce01), 'base64'))).toBe(
      '2a6ab44e924838a23004f072426d934e',
    );
    expect(md5Credential('dmclient01', 'clientSecret', nonce01)).toBe('Kmq0TpJIOKIwBPByQm2TTg==');
    expect(md5Credential('dmclient01', 'clientSecret', nonce01, 'b64-text')).toBe('xMA0mOZpKU0oGwb5nxsRIg==');
  });
});

describe('fact sheet 6.2: Package 0', () => {
  it('version 11: digest, whole message, and the spec-example SMS user data with source port 0xC002', () => {
    expect(userHashB64('com.example.dms', 'serverSecret')).toBe('mSAWQCD/GRwizpWf8iU1dA==');
    const pkg0 = encodePackage0(fields, { serverPassword: 'serverSecret', serverNonce });
    expect(toHex(pkg0)).toBe(
      '6a77e21ba2d814b01e487e949a7600e4' + '02d80000001a2b0f636f6d2e6578616d706c652e646d73',
    );
    const [sms] = segmentForSms(wrapWapPush(pkg0, 'application/vnd.syncml.notification'), {
      reference: 0,
      sourcePort: 0xc002,
    });
    expect(sms!.userData.byteLength).toBe(52);
    expect(toHex(sms!.userData)).toBe('0605040b84c002010603c4af87' + toHex(pkg0));
  });
  it('version 12 digest', () => {
    const pkg0 = encodePackage0(fields, { serverPassword: 'serverSecret', serverNonce, versionField: 12 });
    expect(toHex(pkg0)).toBe(
      '00b48c007a33dd1d9dcfe0f0161d0715' + '03180000001a2b0f636f6d2e6578616d706c652e646d73',
    );
  });
  it('resync digests: four zero octets and the ASCII text 0x00000000', () => {
    const zero = encodePackage0(fields, { serverPassword: 'serverSecret', serverNonce: new Uint8Array(4) });
    const ascii = encodePackage0(fields, {
      serverPassword: 'serverSecret',
      serverNonce: new TextEncoder().encode('0x00000000'),
    });
    expect(toHex(zero.subarray(0, 16))).toBe('5bf125c696a82feed1b0a34391f37607');
    expect(toHex(ascii.subarray(0, 16))).toBe('bc8fb15153b6d60d1aa12f07a408e4b3');
  });
  it('02 D0 is version 11, background, user-initiated (the spec example figure)', () => {
    expect(decodePackage0(hexBytes('00'.repeat(16) + '02d0000000000100'))).toMatchObject({
      version: 11,
      uiMode: 'background',
      initiator: 'user',
    });
  });
});

describe('fact sheet 6.3: HMAC header', () => {
  it('mac over the 179-byte WBXML body', () => {
    const body = hexBytes(`02a4016a006d6c7103312e3200017203444d2f312e32000165033141324200015b033100016e5703
      494d45493a34393031353432303332333735313800010167570368747470733a2f2f646d2e657861
      6d706c652e636f6d2f646d0001015a00014c0331303030300001010100006b694b033100015c0331
      00014c033000014a0353796e6348647200014f03323132000101534b03320001546e57032e2f4465
      7644657461696c2f4677560001010101120101`);
    expect(body.byteLength).toBe(179);
    expect(computeHmacMac('dmclient01', 'clientSecret', nonce01, body)).toBe('Pr3TIhTCytYh5TAXASv+bw==');
  });
});
