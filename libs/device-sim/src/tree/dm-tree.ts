import { StatusCodes } from '@dms/syncml';
import { DeviceSimErrorCodes, DeviceSimUserError } from '../errors/device-sim.error';
import { allows, cloneNode, isInterior, type DmNode, type NodeSpec, type NodeValue } from './dm-node';
import { formatDmUri, parseDmUri } from './dm-uri';

/** What a tree operation answers: the SyncML status code the command gets (RepPro 1.2 / DM 1.2 7). */
export type TreeStatus = number;

/**
 * The handset's management tree. Operations answer with status codes, as a device does:
 * 404 missing node, 405 command not allowed (interior Replace, no access, permanent node),
 * 418 Add on an existing node. Add creates missing interior parents implicitly (DM 1.2
 * protocol 6.6.1 allows it). `set` is for seeding and tests: it creates or overwrites.
 */
export class DmTree {
  private root: DmNode;

  constructor(root?: DmNode) {
    this.root = root ?? { name: '.', format: 'node', children: new Map() };
  }

  find(uri: string): DmNode | undefined {
    const parsed = parseDmUri(uri);
    return parsed === undefined ? undefined : this.walk(parsed.segments);
  }

  value(uri: string): NodeValue | undefined {
    return this.find(uri)?.value;
  }

  /** The value as text (bin as base64), `undefined` for a missing node. */
  text(uri: string): string | undefined {
    const value = this.value(uri);
    return value === undefined || typeof value === 'string' ? value : Buffer.from(value).toString('base64');
  }

  childNames(uri: string): string[] {
    return [...(this.find(uri)?.children.keys() ?? [])];
  }

  /** Every node's canonical URI under `uri`, depth first (the structure `?list=Struct` walks). */
  list(uri = '.'): string[] {
    const parsed = parseDmUri(uri);
    const start = parsed === undefined ? undefined : this.walk(parsed.segments);
    if (parsed === undefined || start === undefined) return [];
    const out: string[] = [];
    const visit = (node: DmNode, segments: readonly string[]): void => {
      out.push(formatDmUri(segments));
      for (const [name, child] of node.children) visit(child, [...segments, name]);
    };
    visit(start, parsed.segments);
    return out;
  }

  add(uri: string, spec: NodeSpec): TreeStatus {
    const parsed = parseDmUri(uri);
    if (parsed === undefined || parsed.prop !== undefined || parsed.segments.length === 0)
      return StatusCodes.commandNotAllowed;
    if (this.walk(parsed.segments) !== undefined) return StatusCodes.alreadyExists;
    let parent = this.root;
    for (const name of parsed.segments.slice(0, -1)) {
      const next = parent.children.get(name);
      if (next !== undefined && !isInterior(next)) return StatusCodes.commandNotAllowed;
      if (next === undefined && !allows(parent, 'Add')) return StatusCodes.commandNotAllowed;
      parent = next ?? this.attach(parent, { name, format: 'node', children: new Map() });
    }
    if (!allows(parent, 'Add')) return StatusCodes.commandNotAllowed;
    this.attach(parent, makeNode(parsed.segments[parsed.segments.length - 1] as string, spec));
    return StatusCodes.ok;
  }

  replace(uri: string, spec: NodeSpec): TreeStatus {
    const parsed = parseDmUri(uri);
    if (parsed === undefined) return StatusCodes.notFound;
    const node = this.walk(parsed.segments);
    if (node === undefined) return StatusCodes.notFound;
    if (parsed.prop !== undefined || isInterior(node) || !allows(node, 'Replace'))
      return StatusCodes.commandNotAllowed;
    if (spec.format !== undefined && spec.format !== 'node') node.format = spec.format;
    if (spec.type !== undefined) node.type = spec.type;
    node.value = spec.value ?? '';
    return StatusCodes.ok;
  }

  delete(uri: string): TreeStatus {
    const parsed = parseDmUri(uri);
    if (parsed === undefined) return StatusCodes.notFound;
    if (parsed.segments.length === 0) return StatusCodes.commandNotAllowed;
    const parent = this.walk(parsed.segments.slice(0, -1));
    const name = parsed.segments[parsed.segments.length - 1] as string;
    const node = parent?.children.get(name);
    if (parent === undefined || node === undefined) return StatusCodes.notFound;
    if (!allows(node, 'Delete') || hasPermanent(node)) return StatusCodes.commandNotAllowed;
    parent.children.delete(name);
    return StatusCodes.ok;
  }

  /** Copy (DM 1.2 7): a leaf's value onto a target leaf, created when missing. */
  copy(targetUri: string, sourceUri: string): TreeStatus {
    const source = this.find(sourceUri);
    if (source === undefined) return StatusCodes.notFound;
    if (isInterior(source) || !allows(source, 'Get')) return StatusCodes.commandNotAllowed;
    const spec: NodeSpec = {
      format: source.format,
      ...(source.type === undefined ? {} : { type: source.type }),
      ...(source.value === undefined ? {} : { value: source.value }),
    };
    return this.find(targetUri) === undefined ? this.add(targetUri, spec) : this.replace(targetUri, spec);
  }

  /** Seeding: creates parents and the node, or overwrites what is there. Throws on a bad URI. */
  set(uri: string, spec: NodeSpec): this {
    const parsed = parseDmUri(uri);
    if (parsed === undefined || parsed.segments.length === 0)
      throw new DeviceSimUserError(DeviceSimErrorCodes.invalidUri, `cannot seed node ${uri}`);
    let parent = this.root;
    for (const name of parsed.segments.slice(0, -1))
      parent =
        parent.children.get(name) ?? this.attach(parent, { name, format: 'node', children: new Map() });
    const name = parsed.segments[parsed.segments.length - 1] as string;
    const existing = parent.children.get(name);
    const node = makeNode(name, spec);
    if (existing !== undefined && isInterior(existing) && isInterior(node)) {
      for (const [childName, child] of existing.children) node.children.set(childName, child);
    }
    parent.children.set(name, node);
    return this;
  }

  /** Interior node with an MO identifier as its Type (management-objects.md 0). */
  setInterior(uri: string, type?: string, access?: NodeSpec['access']): this {
    return this.set(uri, {
      format: 'node',
      ...(type === undefined ? {} : { type }),
      ...(access === undefined ? {} : { access }),
    });
  }

  snapshot(): DmTree {
    return new DmTree(cloneNode(this.root));
  }

  /** Atomic roll back: takes the state of a snapshot made before. */
  restore(snapshot: DmTree): void {
    this.root = cloneNode(snapshot.root);
  }

  private walk(segments: readonly string[]): DmNode | undefined {
    let node: DmNode | undefined = this.root;
    for (const name of segments) node = node?.children.get(name);
    return node;
  }

  private attach(parent: DmNode, node: DmNode): DmNode {
    parent.children.set(node.name, node);
    return node;
  }
}

function makeNode(name: string, spec: NodeSpec): DmNode {
  const format = spec.format ?? (spec.value === undefined ? 'node' : 'chr');
  const node: DmNode = { name, format, children: new Map() };
  if (spec.type !== undefined) node.type = spec.type;
  if (format !== 'node') node.value = spec.value ?? '';
  if (spec.access !== undefined) node.access = spec.access;
  return node;
}

/** A subtree holding a permanent node (no Delete access) cannot be deleted as a whole. */
function hasPermanent(node: DmNode): boolean {
  for (const child of node.children.values())
    if (!allows(child, 'Delete') || hasPermanent(child)) return true;
  return false;
}
