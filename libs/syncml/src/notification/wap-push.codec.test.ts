import fc from 'fast-check';
import { SyncmlDecodeError } from '../errors/syncml.error';
import { defineCodecCase, hexBytes, toHex } from './codec-case';
import { unwrapWapPush, type WapPush } from './wap-push.decoder';
import { wrapWapPush } from './wap-push.encoder';

const codecCase = defineCodecCase<WapPush>({
  encode: (p) =>
    wrapWapPush(p.body, p.contentType, {
      transactionId: p.transactionId,
      applicationId: p.applicationId ?? null,
      parameters: p.parameters,
    }),
  decode: unwrapWapPush,
});

describe('WSP push PDU (WAP-230 8.2.4.1)', () => {
  codecCase(
    'Package 0 push as OMA-TS-DM_Notification 6.3 shows it',
    {
      transactionId: 1,
      pduType: 6,
      contentType: 'application/vnd.syncml.notification',
      parameters: {},
      applicationId: 'x-wap-application:syncml.dm',
      otherHeaders: [],
      body: hexBytes('0a0b'),
    },
    `01    // transaction id
     06    // PDU type Push
     03    // HeadersLen (uintvar)
     c4    // Content-Type: short-integer 0x44 application/vnd.syncml.notification
     af 87 // X-Wap-Application-Id (0x2F) = 0x07 x-wap-application:syncml.dm
     0a 0b // data`,
  );
  codecCase(
    'CP bootstrap with SEC and MAC parameters (general-form content type, Length-quote)',
    {
      transactionId: 1,
      pduType: 6,
      contentType: 'application/vnd.wap.connectivity-wbxml',
      parameters: { sec: 1, mac: 'D7AB9D3613E04DA575DDDB898D2834D7C3DEAC84' },
      otherHeaders: [],
      body: hexBytes('030b6a00'),
    },
    `01 06 2f // TID, Push, HeadersLen 47
     1f 2d    // Value-length: Length-quote + uintvar 45
     b6       // media 0x36 application/vnd.wap.connectivity-wbxml
     91 81    // SEC (0x11) = 1 USERPIN
     92 44 37 41 42 39 44 33 36 31 33 45 30 34 44 41 35 37 35 44 44 44 42 38 39 38 44 32 38 33 34 44 37 43 33 44 45 41 43 38 34 00 // MAC (0x12) text
     03 0b 6a 00 // WBXML document (start)`,
  );
  codecCase(
    'unknown content type as text, application id as a URI',
    {
      transactionId: 0x42,
      pduType: 6,
      contentType: 'application/x-test',
      parameters: {},
      applicationId: 'x-wap-application:example',
      otherHeaders: [],
      body: new Uint8Array(),
    },
    `42 06 2e // TID 0x42, Push, HeadersLen 46
     61 70 70 6c 69 63 61 74 69 6f 6e 2f 78 2d 74 65 73 74 00 // "application/x-test"
     af 78 2d 77 61 70 2d 61 70 70 6c 69 63 61 74 69 6f 6e 3a 65 78 61 6d 70 6c 65 00 // X-Wap-Application-Id URI`,
  );

  it('defaults the DM application id for the notification content type', () => {
    expect(toHex(wrapWapPush(new Uint8Array([9]), 'application/vnd.syncml.notification'))).toBe(
      '010603c4af8709',
    );
  });

  it('keeps unknown headers, undecoded', () => {
    const push = unwrapWapPush(hexBytes('01 06 05 c4 8d 02 01 02 ff')); // Content-Length-like header 0x0D with a 2-octet value
    expect(push.otherHeaders).toEqual([{ name: '0x0d', value: hexBytes('0102') }]);
    expect(push.body).toEqual(hexBytes('ff'));
  });

  it.each([
    ['not a push PDU', '01 40 00', 'SYNCML_INVALID_NOTIFICATION', 1],
    ['headers longer than the PDU', '01 06 05 c4', 'SYNCML_TRUNCATED', 3],
    ['content type length past the headers', '01 06 02 1e b6', 'SYNCML_INVALID_NOTIFICATION', 4],
    ['MAC text without NUL', '01 06 05 04 b6 92 41 42', 'SYNCML_TRUNCATED', 6],
  ])('reports %s with its code and offset', (_name, hex, code, offset) => {
    expect(() => unwrapWapPush(hexBytes(hex))).toThrow(
      expect.objectContaining({ code, position: { offset } }),
    );
  });

  it('never throws anything but SyncmlDecodeError on random input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), (tail) => {
        try {
          unwrapWapPush(Uint8Array.from([1, 6, ...tail]));
        } catch (e) {
          expect(e).toBeInstanceOf(SyncmlDecodeError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
