import type { ElementNode, TreeNode } from '../tree/element';
import { canonicalNamespace } from './public-id.table';

/**
 * Test support (imported by *.test.ts only): a comparable form of a tree, so that trees
 * from different codecs and peers can be checked for the same content. It forgets what
 * the formats legitimately disagree on:
 * - OPAQUE vs text: opaque bytes that are UTF-8 compare as that text; CDATA is only a hint;
 * - whitespace-only text (layout in XML; libwbxml drops it), and CRLF vs LF (XML parsers
 *   turn CRLF into LF; libwbxml writes vCard/vCalendar Data with CRLF);
 * - where `ns` is written: every element gets its effective namespace, aliases made canonical;
 * - `embeddedPublicId` (how DevInf/DDF travelled, not what it says).
 * `looseNsUnder` names elements below which namespaces are not compared (libwbxml writes
 * DDF inside a SyncML message as LITERAL tags, which lose the namespace).
 */
export interface Comparable {
  name: string;
  ns: string;
  children: (Comparable | string | { bytes: string })[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function comparable(root: ElementNode, looseNsUnder: readonly string[] = []): Comparable {
  return walk(root, '', looseNsUnder, false);
}

function walk(node: ElementNode, parentNs: string, loose: readonly string[], inLoose: boolean): Comparable {
  const childLoose = inLoose || loose.includes(node.name);
  const ns = childLoose ? '*' : canonicalNamespace(node.ns ?? parentNs);
  const children: Comparable['children'] = [];
  for (const child of node.children) {
    const raw = textOf(child);
    const value = typeof raw === 'string' ? raw.replace(/\r\n/g, '\n') : raw;
    if (value === undefined) children.push(walk(child as ElementNode, ns, loose, childLoose));
    else if (typeof value !== 'string') children.push(value);
    else if (value.trim() !== '') {
      const last = children[children.length - 1];
      if (typeof last === 'string') children[children.length - 1] = last + value;
      else children.push(value);
    }
  }
  return { name: node.name, ns, children };
}

function textOf(node: TreeNode): string | { bytes: string } | undefined {
  if (node.kind === 'text') return node.value;
  if (node.kind === 'element') return undefined;
  try {
    return utf8.decode(node.bytes);
  } catch {
    return { bytes: Buffer.from(node.bytes).toString('hex') };
  }
}
