/** Collects strings for the WBXML string table; each distinct string is stored once, NUL-terminated. */
export class StringTableBuilder {
  private readonly offsets = new Map<string, number>();
  private readonly parts: Uint8Array[] = [];
  private size = 0;
  private static readonly utf8 = new TextEncoder();

  /** Byte offset of `value` in the table, adding it on first use. */
  offsetOf(value: string): number {
    const known = this.offsets.get(value);
    if (known !== undefined) return known;
    const bytes = StringTableBuilder.utf8.encode(value);
    const offset = this.size;
    this.offsets.set(value, offset);
    this.parts.push(bytes, new Uint8Array(1));
    this.size += bytes.length + 1;
    return offset;
  }

  get length(): number {
    return this.size;
  }

  toBytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
