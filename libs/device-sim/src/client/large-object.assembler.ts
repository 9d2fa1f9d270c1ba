import type { Item, ItemCommand } from '@dms/syncml';

export type ChunkStep =
  /** Not part of a large object: execute as it is. */
  | { readonly kind: 'plain' }
  /** A chunk was buffered: answer 213 (DM 1.2 2.2). */
  | { readonly kind: 'buffered' }
  /** Last chunk: execute `command` (its CmdID, the first chunk's Meta, the whole data). */
  | { readonly kind: 'complete'; readonly command: ItemCommand }
  /** Reassembled size differs from Meta Size: answer 424, nothing is written. */
  | { readonly kind: 'size-mismatch'; readonly expected: number; readonly actual: number };

interface Pending {
  readonly first: ItemCommand;
  readonly item: Item;
  readonly parts: Array<string | Uint8Array>;
}

const utf8 = new TextEncoder();

/**
 * Receives large objects (DM 1.2 protocol 2.2): consecutive Add/Replace commands with one
 * item each, MoreData on all but the last, Meta Size (octets as transported) on the first.
 */
export class LargeObjectAssembler {
  private pending: Pending | undefined;

  get inProgress(): boolean {
    return this.pending !== undefined;
  }

  /** Target of the object being received, for Alert 1225 when it is abandoned. */
  get target(): string | undefined {
    return this.pending?.item.target?.locURI;
  }

  /** True when `command` does not continue the object in progress (the object is then dropped: Alert 1225). */
  interrupts(command: { kind: string; items?: readonly Item[] }): boolean {
    if (this.pending === undefined) return false;
    const target = command.items?.[0]?.target?.locURI;
    return command.kind !== this.pending.first.kind || target !== this.target;
  }

  discard(): void {
    this.pending = undefined;
  }

  accept(command: ItemCommand): ChunkStep {
    const item = command.items[0];
    if (
      item === undefined ||
      command.items.length !== 1 ||
      (item.moreData !== true && this.pending === undefined)
    )
      return { kind: 'plain' };
    const data = item.data;
    if (data !== undefined && typeof data !== 'string' && !(data instanceof Uint8Array))
      return { kind: 'plain' };
    this.pending ??= { first: command, item, parts: [] };
    if (data !== undefined) this.pending.parts.push(data);
    if (item.moreData === true) return { kind: 'buffered' };
    const { first, item: firstItem, parts } = this.pending;
    this.pending = undefined;
    const whole = join(parts);
    const actual = typeof whole === 'string' ? utf8.encode(whole).byteLength : whole.byteLength;
    const expected = firstItem.meta?.size;
    if (expected !== undefined && expected !== actual) return { kind: 'size-mismatch', expected, actual };
    const { moreData: _more, ...rest } = firstItem;
    const meta = firstItem.meta === undefined ? undefined : (({ size: _size, ...m }) => m)(firstItem.meta);
    const assembled: Item = { ...rest, ...(meta === undefined ? {} : { meta }), data: whole };
    return { kind: 'complete', command: { ...first, cmdId: command.cmdId, items: [assembled] } };
  }
}

function join(parts: ReadonlyArray<string | Uint8Array>): string | Uint8Array {
  if (parts.every((p) => typeof p === 'string')) return parts.join('');
  const bytes = parts.map((p) => (typeof p === 'string' ? utf8.encode(p) : p));
  const out = new Uint8Array(bytes.reduce((n, b) => n + b.byteLength, 0));
  bytes.reduce((at, b) => (out.set(b, at), at + b.byteLength), 0);
  return out;
}
