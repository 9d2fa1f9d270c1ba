import { SyncmlErrorCodes } from '../errors/syncml.error';
import type { ElementNode } from '../tree/element';
import type { CodePage } from './code-page';
import { EmbeddingElement, looksLikeEmbeddedDocument } from './embedded-document';
import type { WbxmlLanguage } from './public-id.table';
import { decodeText, stringAt, type WbxmlHeader } from './wbxml-header';
import { TreeBuilder, type Budget, type OpenElement } from './wbxml-tree.builder';
import type { WbxmlLimits } from './wbxml.limits';
import { WbxmlReader } from './wbxml.reader';
import { GlobalTokens as G, TagFlags } from './wbxml.tokens';

/** Decodes a whole embedded document (header and body) found in OPAQUE data. */
export type EmbeddedDecoder = (r: WbxmlReader, depth0: number, embedding: number) => OpenElement;

/**
 * The token loop of one document body (WAP-192 5.8): the code page is stream state (it
 * survives END), text tokens are STR_I / STR_T / ENTITY, OPAQUE stays bytes unless it is
 * an embedded DevInf/DDF document inside Data. Attributes, EXT and PI tokens are not SyncML.
 */
export class BodyDecoder {
  private readonly pages: (CodePage | undefined)[] = [];
  private readonly tree: TreeBuilder;
  private page = 0;

  constructor(
    private readonly r: WbxmlReader,
    private readonly header: WbxmlHeader,
    language: WbxmlLanguage,
    private readonly lim: WbxmlLimits,
    budget: Budget,
    private readonly depth0: number,
    private readonly embedding: number,
    private readonly embed: EmbeddedDecoder,
  ) {
    for (const p of language.pages) this.pages[p.page] = p;
    this.tree = new TreeBuilder(r, language.rootNs, lim, budget, depth0);
  }

  run(): ElementNode {
    const { r, tree } = this;
    while (tree.root === undefined) {
      const at = r.pos;
      if (at >= r.bytes.length)
        throw r.truncated(tree.depth === 0 ? 'the document body' : `<${tree.current()!.name}>`);
      const b = r.bytes[r.pos++]!;
      switch (b) {
        case G.SWITCH_PAGE:
          this.page = r.u8('SWITCH_PAGE');
          break;
        case G.END:
          tree.close(at);
          break;
        case G.STR_I:
          tree.addText(this.inlineString(at), at);
          break;
        case G.STR_T:
          tree.addText(this.tableString(r.mbUint32('a string table reference'), at), at);
          break;
        case G.ENTITY:
          tree.addText(this.entity(at), at);
          break;
        case G.OPAQUE:
          this.opaque(at);
          break;
        case G.LITERAL:
        case G.LITERAL_C:
          tree.open(this.tableString(r.mbUint32('a literal tag name'), at), undefined, b === G.LITERAL_C, at);
          break;
        default:
          this.tag(b, at);
      }
    }
    if (!r.atEnd()) throw r.error(SyncmlErrorCodes.malformed, `${r.remaining} bytes after the root element`);
    return tree.root;
  }

  private tag(b: number, at: number): void {
    const token = b & TagFlags.tokenMask;
    if ((b & TagFlags.hasAttributes) !== 0 || token < 0x05) {
      // Attributes, LITERAL_A/AC, EXT_*, PI: SyncML uses none of them.
      throw this.r.error(
        SyncmlErrorCodes.unsupported,
        `WBXML token 0x${b.toString(16)} (attributes/extensions are not SyncML)`,
        at,
      );
    }
    const cp = this.pages[this.page];
    const name = cp?.nameOf(token);
    if (cp === undefined || name === undefined) {
      throw this.r.error(
        SyncmlErrorCodes.unsupported,
        `tag 0x${token.toString(16)} on code page ${this.page}`,
        at,
      );
    }
    this.tree.open(name, cp.ns, (b & TagFlags.hasContent) !== 0, at);
  }

  private opaque(at: number): void {
    const r = this.r;
    if (this.tree.depth === 0)
      throw r.error(SyncmlErrorCodes.malformed, 'OPAQUE outside the root element', at);
    const length = r.mbUint32('an OPAQUE length');
    if (length > this.lim.maxStringBytes)
      throw r.error(SyncmlErrorCodes.tooLarge, `OPAQUE of ${length} bytes`, at);
    const dataAt = r.pos;
    const data = r.take(length, 'OPAQUE data');
    const inData = this.tree.current()!.name === EmbeddingElement;
    if (inData && this.embedding < this.lim.maxEmbeddingDepth && looksLikeEmbeddedDocument(data)) {
      const inner = new WbxmlReader(data, r.base + dataAt);
      this.tree.addChild(this.embed(inner, this.depth0 + this.tree.depth, this.embedding + 1), at);
    } else {
      this.tree.addChild({ kind: 'opaque', bytes: data.slice() }, at);
    }
  }

  private tableString(offset: number, at: number): string {
    const s = stringAt(this.header.stringTable, offset, this.header.charset, this.r, at);
    if (s === undefined)
      throw this.r.error(
        SyncmlErrorCodes.malformed,
        `string table offset ${offset} is outside the table`,
        at,
      );
    return s;
  }

  private entity(at: number): string {
    const code = this.r.mbUint32('an ENTITY');
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      throw this.r.error(SyncmlErrorCodes.malformed, `ENTITY ${code} is not a character`, at);
    }
    return String.fromCodePoint(code);
  }

  /**
   * STR_I: one pass finds the NUL and builds short ASCII strings (CmdIDs, codes, URIs) by
   * hand; anything else goes through the fatal TextDecoder.
   */
  private inlineString(at: number): string {
    const r = this.r;
    const bytes = r.bytes;
    const start = r.pos;
    const limit = Math.min(bytes.length, start + this.lim.maxStringBytes + 1);
    let ascii = '';
    let i = start;
    for (; i < limit; i++) {
      const b = bytes[i]!;
      if (b === 0) {
        r.pos = i + 1;
        return ascii;
      }
      if (b >= 0x80 || i - start >= 64) break;
      ascii += String.fromCharCode(b);
    }
    const view = r.untilNul('an inline string', this.lim.maxStringBytes);
    return decodeText(view, this.header.charset, r, at + 1);
  }
}
