import { SyncmlDecodeError } from '../errors/syncml.error';
import { hexBytes, toHex } from './codec-case';
import { parseSmsSegments, parseUdh } from './sms-segment.decoder';
import { segmentForSms } from './sms-segment.encoder';

const wspOf = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => i & 0xff);

describe('WDP over SMS (WAP-259 6.5, TS 23.040 9.2.3.24)', () => {
  it('puts a short datagram in one SMS with only the 16-bit port IE', () => {
    const [only, ...more] = segmentForSms(hexBytes('010603c4af87'), { reference: 7 });
    expect(more).toHaveLength(0);
    expect(toHex(only!.userData)).toBe(
      '06' + //          UDHL 6
        '05 04 0b84 23f0'.replace(/ /g, '') + // IEI 0x05, length 4, destination 2948, source 9200
        '010603c4af87', // WSP push
    );
    expect(only).toMatchObject({ esmClassUdhi: true, esmClass: 0x40, dataCoding: 0x04 });
  });

  it('uses the largest datagram that still fits one SMS (133 octets) without concatenation', () => {
    expect(segmentForSms(wspOf(133), { reference: 1 })).toHaveLength(1);
    expect(segmentForSms(wspOf(134), { reference: 1 })).toHaveLength(2);
  });

  it('splits a long datagram with an 8-bit concatenation IE in every part, each at most 140 octets', () => {
    const parts = segmentForSms(wspOf(300), { reference: 0x42, dataCoding: 0xf5 });
    expect(parts.map((p) => p.userData.byteLength)).toEqual([140, 140, 56]);
    expect(toHex(parts[1]!.udh)).toBe(
      '0b' + //           UDHL 11
        '0504 0b84 23f0'.replace(/ /g, '') + // ports
        '0003 42 03 02'.replace(/ /g, ''), // IEI 0x00 length 3: reference 0x42, 3 parts, this is part 2
    );
    expect(parts.every((p) => p.dataCoding === 0xf5)).toBe(true);
  });

  it('switches to the 16-bit concatenation IE for references above 255', () => {
    const parts = segmentForSms(wspOf(200), { reference: 0x1234 });
    expect(toHex(parts[0]!.udh)).toBe('0c' + '05040b8423f0' + '0804' + '1234' + '02' + '01');
    expect(parts[0]!.userData.byteLength).toBe(140);
  });

  it('reassembles segments given in any order', () => {
    const wsp = wspOf(400);
    const parts = segmentForSms(wsp, { reference: 9 }).map((p) => p.userData);
    expect(parseSmsSegments([...parts].reverse())).toEqual({
      destinationPort: 2948,
      sourcePort: 9200,
      reference: 9,
      wsp,
    });
  });

  it('reports a missing part as truncated and a foreign part as invalid', () => {
    const parts = segmentForSms(wspOf(300), { reference: 1 }).map((p) => p.userData);
    const other = segmentForSms(wspOf(300), { reference: 2 }).map((p) => p.userData);
    expect(() => parseSmsSegments(parts.slice(0, 2))).toThrow(
      expect.objectContaining({ code: 'SYNCML_TRUNCATED' }),
    );
    expect(() => parseSmsSegments([parts[0]!, other[1]!, parts[2]!])).toThrow(
      expect.objectContaining({ code: 'SYNCML_INVALID_NOTIFICATION' }),
    );
    expect(() => parseSmsSegments([parts[0]!, parts[0]!, parts[2]!])).toThrow(SyncmlDecodeError);
  });

  it('reports a UDH cut inside an IE with the offset of the missing value', () => {
    expect(() => parseUdh(hexBytes('06 05 04 0b 84'))).toThrow(
      expect.objectContaining({ code: 'SYNCML_TRUNCATED', position: { offset: 1 } }),
    );
    expect(() => parseUdh(hexBytes('04 05 04 0b 84 00'))).toThrow(
      expect.objectContaining({ code: 'SYNCML_TRUNCATED', position: { offset: 3 } }),
    );
  });

  it('refuses a datagram that would need more than 255 SMS', () => {
    expect(() => segmentForSms(wspOf(128 * 256), { reference: 1 })).toThrow(
      expect.objectContaining({ code: 'SYNCML_TOO_LARGE' }),
    );
  });
});
