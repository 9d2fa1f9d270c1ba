/**
 * Test helper (STYLE.md 4): one byte vector -> decode, encode and round-trip tests.
 * `hex` is written with spaces/newlines between byte groups so each group can carry a comment.
 */
export interface Codec<T> {
  encode(value: T): Uint8Array;
  decode(bytes: Uint8Array): T;
}

export function hexBytes(hex: string): Uint8Array {
  const compact = hex.replace(/\/\/[^\n]*/g, '').replace(/\s+/g, '');
  return Uint8Array.from(Buffer.from(compact, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function defineCodecCase<T>(codec: Codec<T>): (name: string, value: T, hex: string) => void {
  return (name, value, hex) => {
    const bytes = hexBytes(hex);
    describe(name, () => {
      it('decodes the bytes to the value', () => {
        expect(codec.decode(bytes)).toEqual(value);
      });
      it('encodes the value to the bytes', () => {
        expect(toHex(codec.encode(value))).toBe(toHex(bytes));
      });
      it('round-trips value -> bytes -> value', () => {
        expect(codec.decode(codec.encode(value))).toEqual(value);
      });
    });
  };
}
