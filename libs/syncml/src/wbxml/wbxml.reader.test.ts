import { SyncmlDecodeError, SyncmlErrorCodes } from '../errors/syncml.error';
import { WbxmlReader } from './wbxml.reader';
import { WbxmlWriter } from './wbxml.writer';

describe('mb_u_int32', () => {
  const vectors: [number, number[]][] = [
    [0, [0x00]],
    [127, [0x7f]], // one byte, no continuation bit
    [128, [0x81, 0x00]], // 1 << 7
    [300, [0x82, 0x2c]],
    [0x0fd3, [0x9f, 0x53]], // SyncML 1.1 public id
    [0x1201, [0xa4, 0x01]], // SyncML 1.2 public id
    [0xffffffff, [0x8f, 0xff, 0xff, 0xff, 0x7f]], // the largest 32-bit value takes 5 bytes
  ];

  it.each(vectors)('%i reads from and writes to its bytes', (value, bytes) => {
    expect(new WbxmlReader(Uint8Array.from(bytes)).mbUint32('n')).toBe(value);
    expect(Array.from(new WbxmlWriter().mbUint32(value).toBytes())).toEqual(bytes);
  });

  it('refuses a value above 32 bits as malformed at its first byte', () => {
    const r = new WbxmlReader(Uint8Array.from([0x00, 0x90, 0x80, 0x80, 0x80, 0x00]), 10);
    r.pos = 1;
    expect(() => r.mbUint32('n')).toThrow(
      expect.objectContaining({ code: SyncmlErrorCodes.malformed, position: { offset: 11 } }),
    );
  });

  it('refuses more than five bytes as malformed', () => {
    expect(() =>
      new WbxmlReader(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01])).mbUint32('n'),
    ).toThrow(SyncmlDecodeError);
  });

  it('reports a cut-off value as truncated', () => {
    expect(() => new WbxmlReader(Uint8Array.from([0x81])).mbUint32('n')).toThrow(
      expect.objectContaining({ code: SyncmlErrorCodes.truncated }),
    );
  });
});

describe('WbxmlReader bounds', () => {
  it('refuses to take more bytes than remain, without allocating them', () => {
    const r = new WbxmlReader(Uint8Array.from([1, 2, 3]));
    expect(() => r.take(0xffffffff, 'OPAQUE data')).toThrow(
      expect.objectContaining({ code: SyncmlErrorCodes.truncated }),
    );
    expect(r.pos).toBe(0);
  });

  it('refuses an inline string longer than the limit as tooLarge', () => {
    expect(() => new WbxmlReader(Uint8Array.from([0x41, 0x41, 0x41, 0x00])).untilNul('s', 2)).toThrow(
      expect.objectContaining({ code: SyncmlErrorCodes.tooLarge }),
    );
  });
});
