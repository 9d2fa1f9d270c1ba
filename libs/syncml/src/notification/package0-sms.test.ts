import capture from '../../test-vectors/perl-esme-pkg0.capture.json';
import { hexBytes, toHex } from './codec-case';
import { package0Sms } from './package0-sms';
import { defaultNotificationProfile } from './package0.types';

const fields = {
  uiMode: 'background',
  initiator: 'server',
  sessionId: 0x1a2b,
  serverId: 'com.example.dms',
} as const;
const credentials = {
  serverPassword: 'serverSecret',
  serverNonce: hexBytes('0f1e2d3c4b5a69788796a5b4c3d2e1f0'),
};

describe('package0Sms (per device family)', () => {
  it('follows the spec by default: version 11, ServerID digest, 8-bit data coding, source port 9200', () => {
    const [sms, ...rest] = package0Sms(fields, credentials, { reference: 1 });
    expect(rest).toHaveLength(0);
    expect(sms!.dataCoding).toBe(0x04);
    expect(toHex(sms!.userData)).toBe(
      '0605040b8423f0' +
        '010603c4af87' +
        '6a77e21ba2d814b01e487e949a7600e4' +
        '02d80000001a2b0f636f6d2e6578616d706c652e646d73',
    );
  });

  it('reproduces the Perl ESME bytes with a profile of version 12 and the nonce hashed as base64 text', () => {
    const c = capture.captures.find((x) => x.label === 'b64-nonce-as-text')!;
    const profile = { ...defaultNotificationProfile, versionField: 12, nonceForm: 'b64-text' } as const;
    const [sms] = package0Sms(
      { uiMode: 'not-specified', initiator: 'server', sessionId: 0x1234, serverId: c.serverId },
      { serverPassword: c.password, serverNonce: Buffer.from(c.nonceText, 'base64') },
      { reference: 1, profile },
    );
    expect(toHex(sms!.userData)).toBe(c.shortMessageHex);
  });

  it('signs with the SRVCRED user name and class-1 coding for a libdmclient-style family', () => {
    const profile = { ...defaultNotificationProfile, digestName: 'username', dataCoding: 0xf5 } as const;
    const [sms] = package0Sms(
      fields,
      { ...credentials, username: 'dms-srv-user' },
      { reference: 1, profile },
    );
    expect(sms!.dataCoding).toBe(0xf5);
    expect(toHex(sms!.payload.subarray(6, 22))).toBe('4e8e5ca598eac065b9d7eba2ce6d44cd'); // vectors.json username-v11
  });
});
