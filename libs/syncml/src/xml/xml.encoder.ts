import { SystemIds, type PublicId } from '../codes/public-id.codes';
import { SyncmlEncodeError } from '../errors/syncml.error';
import type { ElementNode, SyncmlDocument, TreeNode } from '../tree/element';
import { escapeXmlAttribute, escapeXmlText, writeCdata } from './xml-text';

export interface XmlEncodeOptions {
  /** Indent elements that hold only elements; text content is never touched. Default false. */
  readonly pretty?: boolean;
  /** Write `<?xml version="1.0" encoding="UTF-8"?>`. Default true. */
  readonly declaration?: boolean;
  /** Write `<!DOCTYPE SyncML PUBLIC ...>` from `publicId`. Default false: real clients omit it. */
  readonly doctype?: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Neutral tree -> XML text. `xmlns` is written on the root and wherever an element's
 * namespace differs from its parent's (Meta children in `syncml:metinf`, DevInf in
 * `syncml:devinf`). Text is escaped (&, <, >); CDATA text is written as CDATA. Opaque
 * bytes (from WBXML) must be UTF-8 text: raw binary has no XML form and needs Format b64.
 */
export function encodeXmlDocument(doc: SyncmlDocument, options: XmlEncodeOptions = {}): string {
  const parts: string[] = [];
  const pretty = options.pretty ?? false;
  if (options.declaration ?? true) parts.push('<?xml version="1.0" encoding="UTF-8"?>', pretty ? '\n' : '');
  if (options.doctype ?? false) {
    const systemId = SystemIds[doc.publicId as PublicId];
    const system = systemId === undefined ? '' : ` "${escapeXmlAttribute(systemId)}"`;
    parts.push(
      `<!DOCTYPE ${doc.root.name} PUBLIC "${escapeXmlAttribute(doc.publicId)}"${system}>`,
      pretty ? '\n' : '',
    );
  }
  writeElement(doc.root, undefined, pretty ? 0 : -1, parts);
  if (pretty) parts.push('\n');
  return parts.join('');
}

/** `indent` -1 means compact output. */
function writeElement(node: ElementNode, parentNs: string | undefined, indent: number, out: string[]): void {
  const ns = node.ns ?? parentNs;
  const xmlns =
    node.ns !== undefined && node.ns !== parentNs ? ` xmlns="${escapeXmlAttribute(node.ns)}"` : '';
  if (node.children.length === 0) {
    out.push(`<${node.name}${xmlns}/>`);
    return;
  }
  out.push(`<${node.name}${xmlns}>`);
  const layout = indent >= 0 && node.children.every((child) => child.kind === 'element');
  for (const child of node.children) {
    if (layout) out.push('\n', '  '.repeat(indent + 1));
    writeNode(child, ns, layout ? indent + 1 : -1, out);
  }
  if (layout) out.push('\n', '  '.repeat(indent));
  out.push(`</${node.name}>`);
}

function writeNode(node: TreeNode, ns: string | undefined, indent: number, out: string[]): void {
  switch (node.kind) {
    case 'element':
      return writeElement(node, ns, indent, out);
    case 'text':
      out.push(node.cdata === true ? writeCdata(node.value) : escapeXmlText(node.value));
      return;
    case 'opaque':
      out.push(escapeXmlText(opaqueAsText(node.bytes)));
      return;
  }
}

function opaqueAsText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    throw new SyncmlEncodeError(
      'SYNCML_CANNOT_ENCODE',
      `${bytes.byteLength} bytes of binary data cannot be written as XML text (use Format b64)`,
      { cause },
    );
  }
}
