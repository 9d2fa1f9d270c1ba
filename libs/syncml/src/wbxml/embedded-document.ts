import { Namespaces } from '../tree/element';
import { readHeader } from './wbxml-header';
import { DefaultWbxmlLimits } from './wbxml.limits';
import { WbxmlReader } from './wbxml.reader';
import { languageByPublicId } from './public-id.table';

/**
 * Embedded documents: DS DevInf and DM DDF travel inside `<Data>` as a complete WBXML
 * document in OPAQUE (SyncML RepPro 1.2 and libwbxml/libsynthesis practice). Their Meta
 * Type says `+wbxml` on the wire and `+xml` in XML; the tree always holds the XML form,
 * so a decoded message encodes to correct XML, and the WBXML encoder writes `+wbxml` back.
 */
export const WbxmlMetaTypes = {
  'application/vnd.syncml-devinf+xml': 'application/vnd.syncml-devinf+wbxml',
  'application/vnd.syncml.dmtnds+xml': 'application/vnd.syncml.dmtnds+wbxml',
} as const;

const toXmlType = new Map<string, string>(Object.entries(WbxmlMetaTypes).map(([xml, wbxml]) => [wbxml, xml]));
const toWbxmlType = new Map<string, string>(Object.entries(WbxmlMetaTypes));

export function metaTypeForTree(wireValue: string): string {
  return toXmlType.get(wireValue) ?? wireValue;
}

export function metaTypeForWire(treeValue: string): string {
  return toWbxmlType.get(treeValue) ?? treeValue;
}

/** Elements whose OPAQUE content may be an embedded document. */
export const EmbeddingElement = 'Data';

/** Roots that are written as an embedded document rather than inline. */
export const EmbeddableRoots: Readonly<Record<string, string>> = {
  [Namespaces.devinf]: 'DevInf',
  [Namespaces.dmddf12]: 'MgmtTree',
};

/**
 * True when OPAQUE bytes start with a WBXML header whose public id names DevInf or DDF.
 * A probe only: a vCard or binary node value never starts like that in practice, and a
 * header that does not parse just means "plain opaque data".
 */
export function looksLikeEmbeddedDocument(bytes: Uint8Array): boolean {
  const first = bytes[0];
  if (first === undefined || first > 0x03 || bytes.length < 5) return false;
  try {
    const header = readHeader(new WbxmlReader(bytes), DefaultWbxmlLimits);
    return languageByPublicId(header.publicId)?.embeddable === true;
  } catch {
    return false;
  }
}
