/**
 * One node of the DM tree (OMA DM 1.2 TND 7): an interior node (Format `node`, children,
 * Type = MO identifier on an MO root) or a leaf (any other Format, a value, Type = MIME
 * type). `access` narrows the commands a server may use on it (the DDF AccessType);
 * absent means every command.
 */
export const nodeFormats = [
  'b64',
  'bin',
  'bool',
  'chr',
  'int',
  'node',
  'null',
  'xml',
  'date',
  'time',
  'float',
] as const;
export type NodeFormat = (typeof nodeFormats)[number];

/** Text for every format but `bin`, which holds raw octets (base64 only on an XML wire). */
export type NodeValue = string | Uint8Array;

export type DmVerb = 'Add' | 'Copy' | 'Delete' | 'Exec' | 'Get' | 'Replace';

export interface DmNode {
  name: string;
  format: NodeFormat;
  type?: string;
  value?: NodeValue;
  readonly children: Map<string, DmNode>;
  access?: readonly DmVerb[];
}

/** What a caller states about a node it creates or replaces. */
export interface NodeSpec {
  readonly format?: NodeFormat;
  readonly type?: string;
  readonly value?: NodeValue;
  readonly access?: readonly DmVerb[];
}

export function isNodeFormat(value: string | undefined): value is NodeFormat {
  return value !== undefined && (nodeFormats as readonly string[]).includes(value);
}

export function isInterior(node: DmNode): boolean {
  return node.format === 'node';
}

export function allows(node: DmNode, verb: DmVerb): boolean {
  return node.access === undefined || node.access.includes(verb);
}

const utf8 = new TextEncoder();

/** The Size property: octets of the value as stored (TND 8.3.7.3). */
export function valueSize(value: NodeValue | undefined): number {
  if (value === undefined) return 0;
  return typeof value === 'string' ? utf8.encode(value).byteLength : value.byteLength;
}

export function cloneNode(node: DmNode): DmNode {
  const copy: DmNode = {
    name: node.name,
    format: node.format,
    children: new Map([...node.children].map(([name, child]) => [name, cloneNode(child)])),
  };
  if (node.type !== undefined) copy.type = node.type;
  if (node.value !== undefined) copy.value = typeof node.value === 'string' ? node.value : node.value.slice();
  if (node.access !== undefined) copy.access = node.access;
  return copy;
}
