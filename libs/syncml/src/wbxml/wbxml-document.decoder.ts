import { SyncmlErrorCodes } from '../errors/syncml.error';
import type { SyncmlDocument } from '../tree/element';
import { Fpi, languageByPublicId, type WbxmlLanguage } from './public-id.table';
import { SyncmlTokens } from './syncml.code-pages';
import { BodyDecoder } from './wbxml-body.decoder';
import type { Budget, OpenElement } from './wbxml-tree.builder';
import { readHeader, type WbxmlHeader } from './wbxml-header';
import { resolveLimits, type WbxmlLimits } from './wbxml.limits';
import { WbxmlReader } from './wbxml.reader';
import { TagFlags } from './wbxml.tokens';

/**
 * Decodes a WBXML SyncML (or DevInf / DDF) document into the neutral tree.
 * Throws only SyncmlDecodeError: truncated, malformed, tooLarge or unsupported, with the byte offset.
 */
export function decodeWbxmlDocument(bytes: Uint8Array, limits?: Partial<WbxmlLimits>): SyncmlDocument {
  const lim = resolveLimits(limits);
  const r = new WbxmlReader(bytes);
  if (bytes.length > lim.maxInputBytes)
    throw r.error(SyncmlErrorCodes.tooLarge, `WBXML of ${bytes.length} bytes`, 0);
  const { header, language, root } = decodeDocument(r, lim, { elements: 0 }, 0, 0);
  const publicId = typeof header.publicId === 'string' ? header.publicId : language.fpi;
  return { publicId, root, wbxmlVersion: header.version };
}

function decodeDocument(r: WbxmlReader, lim: WbxmlLimits, budget: Budget, depth0: number, embedding: number) {
  const header = readHeader(r, lim);
  const language = languageOf(header, r);
  const embed = (inner: WbxmlReader, depth: number, level: number): OpenElement => {
    const doc = decodeDocument(inner, lim, budget, depth, level);
    const root = doc.root as OpenElement;
    root.embeddedPublicId = doc.header.publicId;
    return root;
  };
  const root = new BodyDecoder(r, header, language, lim, budget, depth0, embedding, embed).run();
  return { header, language, root };
}

function languageOf(header: WbxmlHeader, r: WbxmlReader): WbxmlLanguage {
  const lang = languageByPublicId(header.publicId);
  if (lang !== undefined) return lang;
  // Public id 0x01 "unknown" (or an unregistered one): a SyncML root tag still tells us the language.
  const next = r.bytes[r.pos];
  if (
    typeof header.publicId === 'number' &&
    next !== undefined &&
    (next & TagFlags.tokenMask) === SyncmlTokens.SyncML
  ) {
    return languageByPublicId(Fpi.syncml12)!;
  }
  throw r.error(SyncmlErrorCodes.unsupported, `WBXML public id ${String(header.publicId)}`, 1);
}
