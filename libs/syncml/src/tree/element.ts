/**
 * The neutral document tree both SyncML codecs meet at:
 *
 *   XML bytes  <-> xml codec   <-> SyncmlDocument (this file) <-> model mapping <-> typed messages
 *   WBXML bytes<-> wbxml codec <->
 *
 * It carries exactly what SyncML needs: element names, the namespace an element is in
 * (XML `xmlns` attribute / WBXML code page), text, and opaque bytes. SyncML uses no
 * other attributes.
 */

/** Namespaces (XML `xmlns` values) SyncML documents use; each maps to a WBXML code page or document. */
export const Namespaces = {
  syncml12: 'SYNCML:SYNCML1.2',
  syncml11: 'SYNCML:SYNCML1.1',
  metinf: 'syncml:metinf',
  devinf: 'syncml:devinf',
  dmddf12: 'http://www.openmobilealliance.org/tech/DTD/dm_ddf-v1_2.dtd',
} as const;

export interface TextNode {
  readonly kind: 'text';
  readonly value: string;
  /** Written as CDATA in XML (vCard/vCalendar bodies); WBXML treats it as text/opaque alike. */
  readonly cdata?: boolean;
}

export interface OpaqueNode {
  readonly kind: 'opaque';
  readonly bytes: Uint8Array;
}

export interface ElementNode {
  readonly kind: 'element';
  readonly name: string;
  /** Namespace URI if the element is not in its parent's namespace (e.g. Meta children in `syncml:metinf`). */
  readonly ns?: string;
  readonly children: readonly TreeNode[];
  /**
   * Set by the WBXML decoder when this element arrived as an embedded WBXML document in
   * OPAQUE data (DevInf, DDF MgmtTree): the public id it carried. The encoder reproduces it.
   */
  readonly embeddedPublicId?: number | string;
}

export type TreeNode = ElementNode | TextNode | OpaqueNode;

export interface SyncmlDocument {
  /** DOCTYPE public identifier, e.g. `-//SYNCML//DTD SyncML 1.2//EN`. */
  readonly publicId: string;
  readonly root: ElementNode;
  /** WBXML version byte when decoded from WBXML (0x01..0x03). */
  readonly wbxmlVersion?: number;
}

export function element(name: string, children: readonly TreeNode[] = [], ns?: string): ElementNode {
  return ns === undefined ? { kind: 'element', name, children } : { kind: 'element', name, ns, children };
}

export function text(value: string, cdata = false): TextNode {
  return cdata ? { kind: 'text', value, cdata } : { kind: 'text', value };
}

export function opaque(bytes: Uint8Array): OpaqueNode {
  return { kind: 'opaque', bytes };
}
