import { SyncmlDecodeError, SyncmlErrorCodes } from '../errors/syncml.error';
import { element, text, type ElementNode, type TreeNode } from '../tree/element';
import { unescapeXmlText } from './xml-text';

/** One entry of fast-xml-parser's `preserveOrder` output: `{ tag: children, ':@'?: attributes }`. */
export type OrderedEntry = Record<string, unknown>;

type Scope = ReadonlyMap<string, string>;

const attributesKey = ':@';
const textKey = '#text';
const cdataKey = '#cdata';

/**
 * Turns parser output into the neutral tree. Rules (decided for SyncML, see index.ts):
 * whitespace-only text next to child elements is layout and dropped; any other text is
 * kept exactly, character references unescaped; CDATA sections are kept and marked.
 * Namespaces are resolved through `xmlns` / `xmlns:p` in scope; `ns` is set only where
 * it differs from the parent's. Attributes other than namespace declarations are dropped
 * (SyncML defines none).
 */
export function buildElement(
  entry: OrderedEntry,
  parentNs: string | undefined,
  parentScope: Scope,
): ElementNode {
  const qname = Object.keys(entry).find((key) => key !== attributesKey);
  if (qname === undefined) throw new SyncmlDecodeError(SyncmlErrorCodes.malformed, 'empty element entry');
  const scope = withDeclarations(parentScope, entry[attributesKey]);
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const name = colon === -1 ? qname : qname.slice(colon + 1);
  const ns = scope.get(prefix);
  if (prefix !== '' && ns === undefined)
    throw new SyncmlDecodeError(
      SyncmlErrorCodes.malformed,
      `undeclared namespace prefix ${prefix} on <${qname}>`,
    );
  const children = buildChildren(entry[qname] as OrderedEntry[], ns, scope);
  return ns === undefined || ns === parentNs ? element(name, children) : element(name, children, ns);
}

function buildChildren(entries: readonly OrderedEntry[], ns: string | undefined, scope: Scope): TreeNode[] {
  const nodes: TreeNode[] = [];
  const hasElementChild = entries.some((entry) => !(textKey in entry) && !(cdataKey in entry));
  for (const entry of entries) {
    if (textKey in entry) {
      const raw = String(entry[textKey]);
      if (hasElementChild && raw.trim() === '') continue;
      appendText(nodes, unescapeXmlText(raw), false);
    } else if (cdataKey in entry) {
      const parts = entry[cdataKey] as OrderedEntry[];
      appendText(nodes, parts.map((part) => String(part[textKey] ?? '')).join(''), true);
    } else {
      nodes.push(buildElement(entry, ns, scope));
    }
  }
  return nodes;
}

/**
 * Adjacent text runs are one text: the encoder splits CDATA around `&#13;` and `]]>`, and
 * a run is CDATA if any part was (the flag is a presentation hint, the value is what counts).
 */
function appendText(nodes: TreeNode[], value: string, cdata: boolean): void {
  const last = nodes[nodes.length - 1];
  if (last?.kind === 'text') nodes[nodes.length - 1] = text(last.value + value, cdata || last.cdata === true);
  else nodes.push(text(value, cdata));
}

function withDeclarations(scope: Scope, attributes: unknown): Scope {
  if (attributes === undefined || attributes === null) return scope;
  let next: Map<string, string> | undefined;
  for (const [key, value] of Object.entries(attributes as Record<string, string>)) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
    next ??= new Map(scope);
    next.set(key === 'xmlns' ? '' : key.slice(6), unescapeXmlText(String(value)));
  }
  return next ?? scope;
}
