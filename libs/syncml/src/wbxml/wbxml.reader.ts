import { SyncmlDecodeError, SyncmlErrorCodes } from '../errors/syncml.error';

/**
 * A cursor over WBXML bytes. Every read checks the bytes that remain before it slices,
 * so a lying length can neither over-read nor make the decoder allocate.
 * Errors carry the absolute offset (`base` is where these bytes sit in the outermost input).
 */
export class WbxmlReader {
  pos = 0;
  constructor(
    readonly bytes: Uint8Array,
    readonly base = 0,
  ) {}

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.bytes.length;
  }

  u8(what: string): number {
    const b = this.bytes[this.pos];
    if (b === undefined) throw this.truncated(what);
    this.pos++;
    return b;
  }

  /** WBXML mb_u_int32: big-endian base-128, continuation bit 0x80, at most 5 bytes and 32 bits. */
  mbUint32(what: string): number {
    const start = this.pos;
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.u8(what);
      value = value * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) {
        if (value > 0xffffffff)
          throw this.error(SyncmlErrorCodes.malformed, `${what}: mb_u_int32 overflows 32 bits`, start);
        return value;
      }
    }
    throw this.error(SyncmlErrorCodes.malformed, `${what}: mb_u_int32 longer than 5 bytes`, start);
  }

  /** `length` bytes as a view (no copy); the length is checked against what remains first. */
  take(length: number, what: string): Uint8Array {
    if (length > this.remaining)
      throw this.truncated(`${what} (${length} bytes announced, ${this.remaining} left)`);
    const view = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return view;
  }

  /** Bytes up to the next 0x00 (consumed, not returned). */
  untilNul(what: string, maxBytes: number): Uint8Array {
    const end = this.bytes.indexOf(0, this.pos);
    if (end < 0) throw this.truncated(`${what} has no terminating NUL`);
    if (end - this.pos > maxBytes)
      throw this.error(SyncmlErrorCodes.tooLarge, `${what} longer than ${maxBytes} bytes`);
    const view = this.bytes.subarray(this.pos, end);
    this.pos = end + 1;
    return view;
  }

  truncated(what: string): SyncmlDecodeError {
    return this.error(SyncmlErrorCodes.truncated, `WBXML ends inside ${what}`, this.bytes.length);
  }

  error(
    code: (typeof SyncmlErrorCodes)[keyof typeof SyncmlErrorCodes],
    message: string,
    at = this.pos,
  ): SyncmlDecodeError {
    return new SyncmlDecodeError(code, message, { offset: this.base + at });
  }
}
