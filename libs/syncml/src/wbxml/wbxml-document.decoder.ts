import { SyncmlErrorCodes } from '../errors/syncml.error';
import type { ElementNode, SyncmlDocument, TreeNode } from '../tree/element';
import type { CodePage } from './code-page';
import { EmbeddingElement, looksLikeEmbeddedDocument, metaTypeForTree } from './embedded-document';
import { Fpi, languageByPublicId, type WbxmlLanguage } from './public-id.table';
import { SyncmlTokens } from './syncml.code-pages';
import { readHeader, stringAt, textDecoderFor, type WbxmlHeader } from './wbxml-header';
import { resolveLimits, type WbxmlLimits } from './wbxml.limits';
import { WbxmlReader } from './wbxml.reader';
import { GlobalTokens as G, TagFlags } from './wbxml.tokens';

/** Mutable while its END is pending; handed out as a readonly ElementNode. */
interface OpenElement {
  kind: 'element';
  name: string;
  ns?: string;
  children: TreeNode[];
  embeddedPublicId?: number | string;
}

interface Frame {
  node: OpenElement;
  /** Effective namespace (own or inherited). */
  ns: string;
  /** Text pieces (STR_I, STR_T, ENTITY) since the last non-text child: one TextNode when flushed. */
  text: string | undefined;
}

/** Shared by a document and the documents embedded in it. */
interface Budget {
  elements: number;
}

/**
 * Decodes a WBXML SyncML (or DevInf / DDF) document into the neutral tree.
 * Throws only SyncmlDecodeError: truncated, malformed, tooLarge or unsupported, with the byte offset.
 */
export function decodeWbxmlDocument(bytes: Uint8Array, limits?: Partial<WbxmlLimits>): SyncmlDocument {
  const lim = resolveLimits(limits);
  const r = new WbxmlReader(bytes);
  if (bytes.length > lim.maxInputBytes) throw r.error(SyncmlErrorCodes.tooLarge, `WBXML of ${bytes.length} bytes`, 0);
  const { header, language, root } = decodeDocument(r, lim, { elements: 0 }, 0, 0);
  const publicId = typeof header.publicId === 'string' ? header.publicId : language.fpi;
  return { publicId, root, wbxmlVersion: header.version };
}

function decodeDocument(r: WbxmlReader, lim: WbxmlLimits, budget: Budget, depth0: number, embedding: number) {
  const header = readHeader(r, lim);
  const language = languageOf(header, r);
  const root = new BodyDecoder(r, header, language, lim, budget, depth0, embedding).run();
  return { header, language, root };
}

function languageOf(header: WbxmlHeader, r: WbxmlReader): WbxmlLanguage {
  const lang = languageByPublicId(header.publicId);
  if (lang !== undefined) return lang;
  // Public id 0x01 "unknown" (or an unregistered one): a SyncML root tag still tells us the language.
  const next = r.bytes[r.pos];
  if (typeof header.publicId === 'number' && next !== undefined && (next & TagFlags.tokenMask) === SyncmlTokens.SyncML) {
    return languageByPublicId(Fpi.syncml12)!;
  }
  throw r.error(SyncmlErrorCodes.unsupported, `WBXML public id ${String(header.publicId)}`, 1);
}

class BodyDecoder {
  private readonly pages: (CodePage | undefined)[] = [];
  private readonly stack: Frame[] = [];
  private page = 0;
  private root: ElementNode | undefined;
  private readonly text: ReturnType<typeof textDecoderFor>;

  constructor(
    private readonly r: WbxmlReader,
    private readonly header: WbxmlHeader,
    private readonly language: WbxmlLanguage,
    private readonly lim: WbxmlLimits,
    private readonly budget: Budget,
    private readonly depth0: number,
    private readonly embedding: number,
  ) {
    for (const p of language.pages) this.pages[p.page] = p;
    this.text = textDecoderFor(header.charset);
  }

  run(): ElementNode {
    const r = this.r;
    while (this.root === undefined) {
      const at = r.pos;
      if (at >= r.bytes.length) throw r.truncated(this.stack.length === 0 ? 'the document body' : `<${this.top().node.name}>`);
      const b = r.bytes[r.pos++]!;
      switch (b) {
        case G.SWITCH_PAGE:
          this.page = r.u8('SWITCH_PAGE');
          break;
        case G.END:
          this.close(at);
          break;
        case G.STR_I:
          this.addText(this.decodeString(r.untilNul('an inline string', this.lim.maxStringBytes)), at);
          break;
        case G.STR_T:
          this.addText(this.tableString(r.mbUint32('a string table reference'), at), at);
          break;
        case G.ENTITY:
          this.addText(this.entity(at), at);
          break;
        case G.OPAQUE:
          this.opaque(at);
          break;
        case G.LITERAL:
        case G.LITERAL_C:
          this.open(this.tableString(r.mbUint32('a literal tag name'), at), undefined, b === G.LITERAL_C, at);
          break;
        default:
          this.tag(b, at);
      }
    }
    if (!r.atEnd()) throw r.error(SyncmlErrorCodes.malformed, `${r.remaining} bytes after the root element`);
    return this.root;
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  private tag(b: number, at: number): void {
    const token = b & TagFlags.tokenMask;
    if ((b & TagFlags.hasAttributes) !== 0 || token < 0x05) {
      // Attributes, LITERAL_A/AC, EXT_*, PI: SyncML uses none of them.
      throw this.r.error(SyncmlErrorCodes.unsupported, `WBXML token 0x${b.toString(16)} (attributes/extensions are not SyncML)`, at);
    }
    const cp = this.pages[this.page];
    const name = cp?.nameOf(token);
    if (cp === undefined || name === undefined) {
      throw this.r.error(SyncmlErrorCodes.unsupported, `tag 0x${token.toString(16)} on code page ${this.page}`, at);
    }
    this.open(name, cp.ns, (b & TagFlags.hasContent) !== 0, at);
  }

  private open(name: string, ns: string | undefined, hasContent: boolean, at: number): void {
    if (this.stack.length + this.depth0 >= this.lim.maxDepth) throw this.r.error(SyncmlErrorCodes.tooLarge, `elements nested deeper than ${this.lim.maxDepth}`, at);
    if (++this.budget.elements > this.lim.maxElements) throw this.r.error(SyncmlErrorCodes.tooLarge, `more than ${this.lim.maxElements} elements`, at);
    const parent = this.stack.length === 0 ? undefined : this.top();
    // A literal tag has no code page: it stays in its parent's namespace.
    const effectiveNs = ns ?? parent?.ns ?? this.language.rootNs;
    const node: OpenElement = { kind: 'element', name, children: [] };
    if (parent === undefined || effectiveNs !== parent.ns) node.ns = effectiveNs;
    if (parent === undefined && this.root !== undefined) throw this.r.error(SyncmlErrorCodes.malformed, 'a second root element', at);
    const frame: Frame = { node, ns: effectiveNs, text: undefined };
    if (hasContent) this.stack.push(frame);
    else this.attach(node, parent);
  }

  private close(at: number): void {
    const frame = this.stack.pop();
    if (frame === undefined) throw this.r.error(SyncmlErrorCodes.malformed, 'END with no open element', at);
    this.flushText(frame);
    this.attach(frame.node, this.stack.length === 0 ? undefined : this.top());
  }

  private attach(node: OpenElement, parent: Frame | undefined): void {
    if (node.name === 'Type' && node.children.length === 1) {
      const only = node.children[0]!;
      if (only.kind === 'text') node.children[0] = { ...only, value: metaTypeForTree(only.value) };
    }
    if (parent === undefined) {
      this.root = node;
      return;
    }
    this.flushText(parent);
    parent.node.children.push(node);
  }

  private flushText(frame: Frame): void {
    if (frame.text === undefined) return;
    frame.node.children.push({ kind: 'text', value: frame.text });
    frame.text = undefined;
  }

  private addText(value: string, at: number): void {
    if (this.stack.length === 0) throw this.r.error(SyncmlErrorCodes.malformed, 'text outside the root element', at);
    if (value === '') return;
    const frame = this.top();
    frame.text = frame.text === undefined ? value : frame.text + value;
  }

  private opaque(at: number): void {
    const r = this.r;
    if (this.stack.length === 0) throw r.error(SyncmlErrorCodes.malformed, 'OPAQUE outside the root element', at);
    const length = r.mbUint32('an OPAQUE length');
    if (length > this.lim.maxStringBytes) throw r.error(SyncmlErrorCodes.tooLarge, `OPAQUE of ${length} bytes`, at);
    const dataAt = r.pos;
    const data = r.take(length, 'OPAQUE data');
    const frame = this.top();
    this.flushText(frame);
    if (frame.node.name === EmbeddingElement && this.embedding < this.lim.maxEmbeddingDepth && looksLikeEmbeddedDocument(data)) {
      const inner = decodeDocument(new WbxmlReader(data, r.base + dataAt), this.lim, this.budget, this.depth0 + this.stack.length, this.embedding + 1);
      const root = inner.root as OpenElement;
      root.embeddedPublicId = inner.header.publicId;
      frame.node.children.push(root);
      return;
    }
    frame.node.children.push({ kind: 'opaque', bytes: data.slice() });
  }

  private tableString(offset: number, at: number): string {
    const s = stringAt(this.header.stringTable, offset, this.header.charset);
    if (s === undefined) throw this.r.error(SyncmlErrorCodes.malformed, `string table offset ${offset} is outside the table`, at);
    return s;
  }

  private entity(at: number): string {
    const code = this.r.mbUint32('an ENTITY');
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw this.r.error(SyncmlErrorCodes.malformed, `ENTITY ${code} is not a character`, at);
    return String.fromCodePoint(code);
  }

  /** Short ASCII strings (CmdIDs, status codes, URIs) skip TextDecoder: it dominates small-token cost. */
  private decodeString(bytes: Uint8Array): string {
    const n = bytes.length;
    if (n <= 32) {
      let ascii = true;
      for (let i = 0; i < n; i++) if (bytes[i]! >= 0x80) { ascii = false; break; }
      if (ascii) return String.fromCharCode.apply(null, bytes as unknown as number[]);
    }
    return this.text.decode(bytes);
  }
}
