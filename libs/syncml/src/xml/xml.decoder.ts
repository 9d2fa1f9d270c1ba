import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PublicIds } from '../codes/public-id.codes';
import { SyncmlDecodeError, SyncmlErrorCodes } from '../errors/syncml.error';
import { Namespaces, type ElementNode, type SyncmlDocument } from '../tree/element';
import { resolveXmlLimits, type XmlLimits } from './xml-limits';
import { xmlInputToString } from './xml-input';
import { endPosition } from './xml-position';
import { prescanXml } from './xml-prescan';
import { buildElement, type OrderedEntry } from './xml-tree.builder';

// Entities stay unexpanded (xml-text.ts unescapes the predefined ones), values stay strings.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  cdataPropName: '#cdata',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/**
 * XML text (or bytes) of a SyncML message, DevInf or DDF document -> neutral tree.
 * Refuses, before parsing: inputs over `maxBytes`, any DOCTYPE internal subset or ENTITY
 * declaration (forbiddenDoctype), nesting over `maxDepth`, more than `maxElements`
 * elements (tooLarge). Not well-formed -> malformed with line/column; cut short -> truncated.
 */
export function decodeXmlDocument(input: Uint8Array | string, limits?: Partial<XmlLimits>): SyncmlDocument {
  const resolved = resolveXmlLimits(limits);
  const source = xmlInputToString(input, resolved);
  const { publicId } = prescanXml(source, resolved);
  const verdict = XMLValidator.validate(source);
  if (verdict !== true) throw validationError(source, verdict.err);
  let entries: OrderedEntry[];
  try {
    entries = parser.parse(source) as OrderedEntry[];
  } catch (cause) {
    throw new SyncmlDecodeError(SyncmlErrorCodes.malformed, 'XML does not parse', {}, { cause });
  }
  const rootEntry = entries.find((entry) => !('#text' in entry));
  if (rootEntry === undefined)
    throw new SyncmlDecodeError(
      SyncmlErrorCodes.truncated,
      'document has no root element',
      endPosition(source),
    );
  const root = buildElement(rootEntry, undefined, new Map());
  return { publicId: publicId ?? inferPublicId(root), root };
}

function validationError(
  source: string,
  err: { code: string; msg: string; line: number; col: number },
): SyncmlDecodeError {
  // The validator reports tags still open at the end of input at line 1: that is a cut-off document.
  const cutOff =
    /^Unclosed tag|^Invalid '\[/.test(err.msg) || (source.trim() === '' && err.code === 'InvalidXml');
  if (cutOff)
    return new SyncmlDecodeError(
      SyncmlErrorCodes.truncated,
      `XML ends early: ${err.msg}`,
      endPosition(source),
    );
  return new SyncmlDecodeError(SyncmlErrorCodes.malformed, `XML not well-formed: ${err.msg}`, {
    line: err.line,
    column: err.col,
  });
}

/** Without a DOCTYPE: the root's namespace, else SyncHdr/VerDTD, decides SyncML 1.1 vs 1.2. */
function inferPublicId(root: ElementNode): string {
  if (root.name === 'DevInf') return PublicIds.devinf12;
  if (root.name === 'MgmtTree') return PublicIds.dmddf12;
  if (root.ns === Namespaces.syncml11) return PublicIds.syncml11;
  if (root.ns === Namespaces.syncml12) return PublicIds.syncml12;
  const hdr = root.children.find(
    (child): child is ElementNode => child.kind === 'element' && child.name === 'SyncHdr',
  );
  const verDtd = hdr?.children.find(
    (child): child is ElementNode => child.kind === 'element' && child.name === 'VerDTD',
  );
  const version = verDtd?.children
    .map((child) => (child.kind === 'text' ? child.value : ''))
    .join('')
    .trim();
  if (version === '1.1') return PublicIds.syncml11;
  if (version === '1.0') return PublicIds.syncml10;
  return PublicIds.syncml12;
}
