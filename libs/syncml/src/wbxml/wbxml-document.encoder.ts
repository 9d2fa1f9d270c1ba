import { SyncmlEncodeError } from '../errors/syncml.error';
import { Namespaces, type ElementNode, type SyncmlDocument, type TextNode } from '../tree/element';
import type { CodePage } from './code-page';
import { EmbeddableRoots, EmbeddingElement, metaTypeForWire } from './embedded-document';
import { Fpi, canonicalNamespace, languageByPublicId, type WbxmlLanguage } from './public-id.table';
import { StringTableBuilder } from './string-table.builder';
import { WbxmlWriter } from './wbxml.writer';
import { Charsets, GlobalTokens as G, TagFlags, type WbxmlVersion } from './wbxml.tokens';

export interface WbxmlEncodeOptions {
  /** WBXML version byte; real SyncML clients send 0x02 (default), libwbxml 0x03. */
  readonly version?: WbxmlVersion;
  /** `numeric` (default) writes the registered id (`A4 01`); `string-table` writes `00 00` and the FPI in the table. */
  readonly publicIdForm?: 'numeric' | 'string-table';
  /**
   * Which text in `<Data>` goes out as OPAQUE instead of STR_I: `cdata` (default: CDATA
   * text, i.e. vCard/vCalendar bodies), `add-replace` (libwbxml's choice: CDATA text and the
   * Data of every Item in Add/Replace), `always`, or `never`. Opaque nodes are always OPAQUE.
   */
  readonly dataAsOpaque?: 'cdata' | 'add-replace' | 'always' | 'never';
  /** Write DevInf (and DDF) inside `<Data>` as an embedded WBXML document, as libwbxml does (default true). */
  readonly embedDevInfAsWbxml?: boolean;
}

const utf8 = new TextEncoder();

/** Encodes a tree as WBXML: lazy page switches before start tags, STR_I text, OPAQUE for bytes and embedded documents. */
export function encodeWbxmlDocument(doc: SyncmlDocument, options: WbxmlEncodeOptions = {}): Uint8Array {
  const language = languageFor(doc.publicId, doc.root);
  const form = options.publicIdForm ?? 'numeric';
  const publicId =
    form === 'string-table' || language.numericId === undefined ? doc.publicId : language.numericId;
  return encodeDocument(doc.root, language, publicId, options);
}

function languageFor(publicId: string | number, root: ElementNode): WbxmlLanguage {
  const lang =
    languageByPublicId(publicId) ??
    (root.ns === Namespaces.syncml11 ? languageByPublicId(Fpi.syncml11) : undefined);
  if (lang !== undefined) return lang;
  if (root.name === 'SyncML') return languageByPublicId(Fpi.syncml12)!;
  throw new SyncmlEncodeError(
    'SYNCML_CANNOT_ENCODE',
    `no WBXML code pages for public id ${String(publicId)}`,
  );
}

/**
 * Scratch buffers for bodies: allocating a fresh Uint8Array per message costs more than
 * encoding a small DM package. A stack, because embedded documents encode while their
 * parent body is still being written.
 */
const scratch: Uint8Array[] = [];

function encodeDocument(
  root: ElementNode,
  language: WbxmlLanguage,
  publicId: number | string,
  options: WbxmlEncodeOptions,
): Uint8Array {
  const table = new StringTableBuilder();
  const publicIdIndex = typeof publicId === 'string' ? table.offsetOf(publicId) : undefined;
  const body = new BodyEncoder(language, table, options, new WbxmlWriter(scratch.pop() ?? 4096));
  try {
    body.element(root, language.rootNs, true);
    const head = new WbxmlWriter(32).u8(options.version ?? 0x02);
    if (publicIdIndex === undefined) head.mbUint32(publicId as number);
    else head.u8(0).mbUint32(publicIdIndex);
    head.mbUint32(Charsets.utf8).mbUint32(table.length);
    const out = new Uint8Array(head.length + table.length + body.w.length);
    out.set(head.view(), 0);
    out.set(table.toBytes(), head.length);
    out.set(body.w.view(), head.length + table.length);
    return out;
  } finally {
    if (body.w.buffer.length <= 1 << 20) scratch.push(body.w.buffer);
  }
}

class BodyEncoder {
  private page = 0;
  private readonly pagesByNs = new Map<string, CodePage>();

  constructor(
    private readonly language: WbxmlLanguage,
    private readonly table: StringTableBuilder,
    private readonly options: WbxmlEncodeOptions,
    readonly w: WbxmlWriter,
  ) {
    for (const p of language.pages) this.pagesByNs.set(p.ns, p);
  }

  /** `place`: 1 = node is an Item of Add/Replace, 2 = node is the Data of such an Item (libwbxml's OPAQUE rule). */
  element(node: ElementNode, parentNs: string, isRoot = false, place = 0): void {
    // parentNs is already canonical; only an element's own xmlns needs the alias lookup.
    const ns = node.ns === undefined ? parentNs : canonicalNamespace(node.ns);
    if (!isRoot && this.shouldEmbed(node, ns)) return this.embedded(node, ns);
    const children = node.children;
    const content = children.some((c) => c.kind !== 'text' || c.value !== '') ? TagFlags.hasContent : 0;
    const cp = this.pagesByNs.get(ns);
    const token = cp?.tokenOf(node.name);
    if (cp === undefined || token === undefined) {
      // No token in this language: a LITERAL tag naming the element through the string table.
      this.w.literal(content ? G.LITERAL_C : G.LITERAL, this.table.offsetOf(node.name));
    } else {
      if (cp.page !== this.page) this.w.switchPage((this.page = cp.page));
      this.w.tag(token | content);
    }
    for (const child of children) {
      if (child.kind === 'element') this.element(child, ns, false, childPlace(node, child, place));
      else if (child.kind === 'opaque') this.w.opaque(child.bytes);
      else if (child.value !== '') this.text(child, node, place === 2);
    }
    if (content) this.w.end();
  }

  /** `inItem`: `parent` is the Data of an Item of Add/Replace. */
  private text(child: TextNode, parent: ElementNode, inItem: boolean): void {
    const mode = this.options.dataAsOpaque ?? 'cdata';
    let value = child.value;
    if (parent.name === 'Type' && this.options.embedDevInfAsWbxml !== false) value = metaTypeForWire(value);
    const asOpaque =
      mode === 'always' || (mode !== 'never' && child.cdata === true) || (mode === 'add-replace' && inItem);
    if (parent.name === EmbeddingElement && asOpaque) {
      this.w.opaque(utf8.encode(value));
    } else {
      if (value.includes('\0'))
        throw new SyncmlEncodeError('SYNCML_CANNOT_ENCODE', `text in <${parent.name}> contains NUL`);
      this.w.strI(value);
    }
  }

  private shouldEmbed(node: ElementNode, ns: string): boolean {
    if (this.language.embeddable || EmbeddableRoots[ns] !== node.name) return false;
    return (
      node.embeddedPublicId !== undefined ||
      (this.options.embedDevInfAsWbxml !== false && ns === Namespaces.devinf)
    );
  }

  private embedded(node: ElementNode, ns: string): void {
    const id = node.embeddedPublicId ?? this.defaultEmbeddedId(ns);
    const lang = languageByPublicId(id);
    if (lang === undefined)
      throw new SyncmlEncodeError('SYNCML_CANNOT_ENCODE', `embedded document public id ${String(id)}`);
    this.w.opaque(encodeDocument(node, lang, id, this.options));
  }

  /** DevInf version follows the message: SyncML 1.1 carries DevInf 1.1 (Nokia E70 and libsynthesis use 0x0FD4). */
  private defaultEmbeddedId(ns: string): number | string {
    if (ns === Namespaces.dmddf12) return Fpi.dmddf12;
    const devinf =
      this.language.fpi === Fpi.syncml11
        ? Fpi.devinf11
        : this.language.fpi === Fpi.syncml10
          ? Fpi.devinf10
          : Fpi.devinf12;
    return languageByPublicId(devinf)!.numericId!;
  }
}

function childPlace(node: ElementNode, child: ElementNode, place: number): number {
  if (child.name === 'Item' && (node.name === 'Add' || node.name === 'Replace')) return 1;
  return place === 1 && child.name === EmbeddingElement ? 2 : 0;
}
