import fc from 'fast-check';
import { SyncmlDecodeError } from '../errors/syncml.error';
import { defineCodecCase, hexBytes } from './codec-case';
import { decodePackage0 } from './package0.decoder';
import { encodePackage0 } from './package0.encoder';
import type { Package0EncodeOptions, Package0Notification } from './package0.types';

const serverNonce = hexBytes('0f1e2d3c4b5a69788796a5b4c3d2e1f0');

function codecWith(options: Omit<Package0EncodeOptions, 'versionField'>) {
  return defineCodecCase<Package0Notification>({
    encode: (n) => encodePackage0(n, { ...options, versionField: n.version as 11 | 12 }),
    decode: decodePackage0,
  });
}

function pkg(
  hexDigest: string,
  hexTrigger: string,
  fields: Omit<Package0Notification, 'digest' | 'trigger'>,
): Package0Notification {
  return { ...fields, digest: hexBytes(hexDigest), trigger: hexBytes(hexTrigger) };
}

describe('Package 0 (OMA-TS-DM_Notification 6.2)', () => {
  const bySpec = codecWith({ serverPassword: 'serverSecret', serverNonce });
  bySpec(
    'version 11, background, server-initiated, session 1A2B (fact sheet 6.2 vector)',
    pkg('6a77e21ba2d814b01e487e949a7600e4', '02d80000001a2b0f636f6d2e6578616d706c652e646d73', {
      version: 11,
      uiMode: 'background',
      initiator: 'server',
      sessionId: 0x1a2b,
      serverId: 'com.example.dms',
      vendorSpecific: new Uint8Array(),
    }),
    `6a 77 e2 1b a2 d8 14 b0 1e 48 7e 94 9a 76 00 e4 // digest: MD5(B64(MD5(id:pw)):nonce:B64(MD5(trigger)))
     02 d8       // 0000001011 version 11 | 01 background | 1 server | 000 future-use
     00 00 00    // future-use
     1a 2b       // sessionid 0x1A2B
     0f          // length-identifier 15
     63 6f 6d 2e 65 78 61 6d 70 6c 65 2e 64 6d 73 // "com.example.dms"`,
  );
  bySpec(
    'version 12 of the same notification',
    pkg('00b48c007a33dd1d9dcfe0f0161d0715', '03180000001a2b0f636f6d2e6578616d706c652e646d73', {
      version: 12,
      uiMode: 'background',
      initiator: 'server',
      sessionId: 0x1a2b,
      serverId: 'com.example.dms',
      vendorSpecific: new Uint8Array(),
    }),
    `00 b4 8c 00 7a 33 dd 1d 9d cf e0 f0 16 1d 07 15 // digest
     03 18       // 0000001100 version 12 | 01 background | 1 server | 000
     00 00 00 1a 2b 0f // future-use, sessionid, length 15
     63 6f 6d 2e 65 78 61 6d 70 6c 65 2e 64 6d 73 // "com.example.dms"`,
  );

  codecWith({ serverPassword: 'serverSecret', serverNonce: new TextEncoder().encode('Nonce') })(
    'informative, user-initiated, session FFFF, vendor-specific part',
    pkg('4e56abe31d7ecd14ac2cbace7355052e', '02e0000000ffff037372760102fe', {
      version: 11,
      uiMode: 'informative',
      initiator: 'user',
      sessionId: 0xffff,
      serverId: 'srv',
      vendorSpecific: hexBytes('0102fe'),
    }),
    `4e 56 ab e3 1d 7e cd 14 ac 2c ba ce 73 55 05 2e // digest (nonce = ASCII "Nonce")
     02 e0       // version 11 | 10 informative | 0 user | 000
     00 00 00 ff ff 03 // future-use, sessionid 0xFFFF, length 3
     73 72 76    // "srv"
     01 02 fe    // vendor-specific, opaque`,
  );

  codecWith({
    serverPassword: 'serverSecret',
    serverNonce,
    digestName: 'username',
    username: 'dms-srv-user',
  })(
    'digest over the SRVCRED user name (libdmclient style), version 12, user-interaction',
    pkg('9c67a5de58392115476f8ff88e885f6a', '033800000000010f636f6d2e6578616d706c652e646d73', {
      version: 12,
      uiMode: 'user-interaction',
      initiator: 'server',
      sessionId: 1,
      serverId: 'com.example.dms',
      vendorSpecific: new Uint8Array(),
    }),
    `9c 67 a5 de 58 39 21 15 47 6f 8f f8 8e 88 5f 6a // digest over "dms-srv-user:serverSecret"
     03 38       // version 12 | 11 user-interaction | 1 server | 000
     00 00 00 00 01 0f // future-use, sessionid 1, length 15
     63 6f 6d 2e 65 78 61 6d 70 6c 65 2e 64 6d 73 // "com.example.dms"`,
  );

  it('refuses to encode a digest over the user name without a user name', () => {
    const fields = { uiMode: 'background', initiator: 'server', sessionId: 1, serverId: 's' } as const;
    expect(() =>
      encodePackage0(fields, { serverPassword: 'p', serverNonce, digestName: 'username' }),
    ).toThrow(expect.objectContaining({ code: 'SYNCML_CANNOT_ENCODE' }));
  });

  it.each([
    ['session id above 16 bits', { sessionId: 0x10000, serverId: 's' }],
    ['server id above 255 bytes', { sessionId: 1, serverId: 'x'.repeat(256) }],
  ])('refuses to encode a %s', (_name, f) => {
    expect(() =>
      encodePackage0(
        { uiMode: 'background', initiator: 'server', ...f },
        { serverPassword: 'p', serverNonce },
      ),
    ).toThrow(expect.objectContaining({ code: 'SYNCML_CANNOT_ENCODE' }));
  });

  it.each([
    [0, 0],
    [15, 0], // digest itself cut short: the error points at the start of the field
    [16, 16], // digest complete, header missing
    [23, 23], // length-identifier missing
    [24, 24], // server identifier announced (15 bytes), none present
    [30, 24], // server identifier cut short: error points at its first byte
  ])('reports a message cut to %i bytes as truncated at byte %i', (length, offset) => {
    const full = encodePackage0(
      { uiMode: 'background', initiator: 'server', sessionId: 1, serverId: 'com.example.dms' },
      { serverPassword: 'p', serverNonce },
    );
    let error: unknown;
    try {
      decodePackage0(full.slice(0, length));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SyncmlDecodeError);
    expect(error).toMatchObject({ code: 'SYNCML_TRUNCATED', position: { offset } });
  });

  it('reports a server identifier that is not UTF-8 as invalidNotification at its offset', () => {
    const bytes = hexBytes('00'.repeat(16) + '02d80000000001' + '02' + 'c328');
    expect(() => decodePackage0(bytes)).toThrow(
      expect.objectContaining({ code: 'SYNCML_INVALID_NOTIFICATION', position: { offset: 24 } }),
    );
  });

  it('never throws anything but SyncmlDecodeError on random input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        try {
          const n = decodePackage0(bytes);
          expect(n.trigger.byteLength).toBe(bytes.byteLength - 16);
        } catch (e) {
          expect(e).toBeInstanceOf(SyncmlDecodeError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
