import { SyncmlDecodeError, SyncmlErrorCodes } from '../errors/syncml.error';

/**
 * Bounds-checked big-endian reader: every short read becomes SyncmlDecodeError
 * (truncated, with the byte offset), never a RangeError or undefined.
 */
export class ByteReader {
  private pos = 0;

  constructor(
    private readonly data: Uint8Array,
    private readonly what: string,
    /** Where `data` starts in the outer message, so reported offsets point into what the caller passed. */
    private readonly base = 0,
  ) {}

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.data.byteLength - this.pos;
  }

  private need(n: number, field: string): void {
    if (this.remaining < n) {
      throw new SyncmlDecodeError(
        SyncmlErrorCodes.truncated,
        `${this.what}: ${field} needs ${n} byte(s), ${this.remaining} left`,
        { offset: this.base + this.pos },
      );
    }
  }

  u8(field: string): number {
    this.need(1, field);
    return this.data[this.pos++] as number;
  }

  peek(field: string): number {
    this.need(1, field);
    return this.data[this.pos] as number;
  }

  u16(field: string): number {
    return (this.u8(field) << 8) | this.u8(field);
  }

  bytes(n: number, field: string): Uint8Array {
    this.need(n, field);
    const out = this.data.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  rest(): Uint8Array {
    return this.bytes(this.remaining, 'rest');
  }

  /** WAP-230 8.1.2 uintvar, at most 5 octets (32 bits). */
  uintvar(field: string): number {
    const start = this.pos;
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.u8(field);
      value = value * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) return value;
    }
    throw this.invalid(`${field}: uintvar longer than 5 octets`, start);
  }

  /** NUL-terminated text; a missing NUL is truncation. */
  cstring(field: string): string {
    const start = this.pos;
    const end = this.data.indexOf(0, this.pos);
    if (end < 0)
      throw new SyncmlDecodeError(
        SyncmlErrorCodes.truncated,
        `${this.what}: ${field} has no terminating NUL`,
        { offset: this.base + start },
      );
    const text = new TextDecoder('latin1').decode(this.data.subarray(this.pos, end));
    this.pos = end + 1;
    return text;
  }

  /** invalidNotification at `offset` (local to this reader; default: the current position). */
  invalid(message: string, offset = this.pos): SyncmlDecodeError {
    return new SyncmlDecodeError(SyncmlErrorCodes.invalidNotification, `${this.what}: ${message}`, {
      offset: this.base + offset,
    });
  }
}
