import { SyncmlDecodeError } from '../errors/syncml.error';
import type { ItemData } from '../model/item.model';
import { element, opaque, text, type ElementNode, type TreeNode } from '../tree/element';
import { readDevInf, writeDevInf } from './devinf.mapping';
import { isMetInfContent, metInfFromElements, writeMetInfChildren } from './metinf.mapping';
import { childElements, rawText } from './tree-reader';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

export interface DataWriteOptions {
  /** Write text containing line breaks as CDATA (vCard/iCalendar bodies, as SyncEvolution does). Default true. */
  readonly cdataForMultiline?: boolean;
}

/**
 * Data element -> ItemData. `format` is the effective Meta Format (item level wins over
 * command level). Text and opaque content: Format `bin` gives bytes, any other format
 * (chr, xml, b64, int, ... or none) gives the UTF-8 text, exact and untrimmed; opaque bytes
 * that are not UTF-8 stay bytes rather than being corrupted. Nested content: DevInf is
 * typed (kept as a tree if it is not a valid DevInf), MetInf elements (the Anchor a DS
 * server echoes in a Status) become MetInf, anything else (MgmtTree, TNDS) stays a tree.
 */
export function readData(node: ElementNode, format: string | undefined): ItemData {
  const elements = childElements(node);
  if (elements.length > 0) return readNestedData(node, elements);
  const hasOpaque = node.children.some((child) => child.kind === 'opaque');
  if (format === 'bin') return concatBytes(node.children);
  if (!hasOpaque) return rawText(node.children);
  const bytes = concatBytes(node.children);
  try {
    return utf8.decode(bytes);
  } catch {
    return bytes;
  }
}

function readNestedData(node: ElementNode, elements: readonly ElementNode[]): ItemData {
  const [first] = elements;
  if (elements.length === 1 && first !== undefined && first.name === 'DevInf') {
    try {
      const devInf = readDevInf(first);
      return first.embeddedPublicId === undefined
        ? { kind: 'devinf', devInf }
        : { kind: 'devinf', devInf, embeddedPublicId: first.embeddedPublicId };
    } catch (error) {
      if (!(error instanceof SyncmlDecodeError)) throw error;
      return first;
    }
  }
  if (isMetInfContent(elements)) return { kind: 'metinf', meta: metInfFromElements(elements) };
  // A single nested document is the data; several siblings are kept together in their Data element.
  return elements.length === 1 && first !== undefined ? first : element('Data', elements);
}

function concatBytes(children: readonly TreeNode[]): Uint8Array {
  const parts = children.map((child) =>
    child.kind === 'opaque'
      ? child.bytes
      : child.kind === 'text'
        ? utf8Encoder.encode(child.value)
        : new Uint8Array(),
  );
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

export function writeData(data: ItemData, options: DataWriteOptions = {}): ElementNode {
  if (typeof data === 'string') {
    if (data === '') return element('Data');
    const cdata = (options.cdataForMultiline ?? true) && /[\r\n]/.test(data);
    return element('Data', [text(data, cdata)]);
  }
  if (data instanceof Uint8Array) return element('Data', [opaque(data)]);
  switch (data.kind) {
    case 'devinf': {
      const devInf = writeDevInf(data.devInf);
      return element('Data', [
        data.embeddedPublicId === undefined ? devInf : { ...devInf, embeddedPublicId: data.embeddedPublicId },
      ]);
    }
    case 'metinf':
      return element('Data', writeMetInfChildren(data.meta));
    case 'element':
      return data.name === 'Data' && data.ns === undefined ? data : element('Data', [data]);
  }
}
