import { GlobalTokens } from './wbxml.tokens';

const utf8 = new TextEncoder();

/** A growable byte buffer with chainable WBXML primitives (`w.tag(0x6d).strI('1.2').end()`). */
export class WbxmlWriter {
  private buf: Uint8Array;
  private len = 0;

  /** `buffer`: scratch space to write into (reused across messages); grown by copying when full. */
  constructor(buffer: Uint8Array | number = 1024) {
    this.buf = typeof buffer === 'number' ? new Uint8Array(buffer) : buffer;
  }

  /** The current backing buffer (to hand back to a pool once the bytes are copied out). */
  get buffer(): Uint8Array {
    return this.buf;
  }

  /** The bytes written so far, as a view on the scratch buffer (valid until the next write). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  get length(): number {
    return this.len;
  }

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + extra) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  u8(byte: number): this {
    this.ensure(1);
    this.buf[this.len++] = byte;
    return this;
  }

  /** mb_u_int32: 7 bits per byte, most significant group first, 0x80 on all but the last. */
  mbUint32(value: number): this {
    if (value < 0x80) return this.u8(value);
    const groups: number[] = [value & 0x7f];
    for (let v = Math.floor(value / 128); v > 0; v = Math.floor(v / 128)) groups.unshift((v & 0x7f) | 0x80);
    for (const g of groups) this.u8(g);
    return this;
  }

  bytes(data: Uint8Array): this {
    this.ensure(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
    return this;
  }

  switchPage(page: number): this {
    return this.u8(GlobalTokens.SWITCH_PAGE).u8(page);
  }

  tag(byte: number): this {
    return this.u8(byte);
  }

  end(): this {
    return this.u8(GlobalTokens.END);
  }

  /** STR_I: inline UTF-8 string terminated by NUL. */
  strI(value: string): this {
    // Worst case 3 bytes per UTF-16 unit; encodeInto writes straight into the buffer.
    this.ensure(value.length * 3 + 2);
    const buf = this.buf;
    buf[this.len++] = GlobalTokens.STR_I;
    // ASCII (CmdIDs, codes, URIs) is copied directly: encodeInto costs more than it saves on short strings.
    let i = 0;
    for (; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) break;
      buf[this.len++] = c;
    }
    if (i < value.length) this.len += utf8.encodeInto(value.slice(i), buf.subarray(this.len)).written;
    buf[this.len++] = 0;
    return this;
  }

  strT(offset: number): this {
    return this.u8(GlobalTokens.STR_T).mbUint32(offset);
  }

  opaque(data: Uint8Array): this {
    return this.u8(GlobalTokens.OPAQUE).mbUint32(data.length).bytes(data);
  }

  literal(token: number, offset: number): this {
    return this.u8(token).mbUint32(offset);
  }

  toBytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
