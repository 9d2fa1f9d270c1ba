/** Small chainable big-endian writer shared by the Package 0, WSP and UDH encoders. */
export class ByteWriter {
  private readonly chunks: number[] = [];

  u8(value: number): this {
    this.chunks.push(value & 0xff);
    return this;
  }

  u16(value: number): this {
    return this.u8(value >>> 8).u8(value);
  }

  bytes(data: Uint8Array | readonly number[]): this {
    for (const b of data) this.chunks.push(b & 0xff);
    return this;
  }

  /** WAP-230 8.1.2 uintvar: 7 bits per octet, most significant first, continuation bit 0x80. */
  uintvar(value: number): this {
    const groups = [value & 0x7f];
    for (let v = Math.floor(value / 128); v > 0; v = Math.floor(v / 128)) groups.unshift((v & 0x7f) | 0x80);
    return this.bytes(groups);
  }

  /** NUL-terminated text (WSP Text-string without the 0x7F quote: callers pass ASCII below 0x80). */
  cstring(text: string): this {
    return this.bytes(new TextEncoder().encode(text)).u8(0);
  }

  get length(): number {
    return this.chunks.length;
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}
