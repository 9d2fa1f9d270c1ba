import { SyncmlDecodeError, SyncmlErrorCodes } from '../errors/syncml.error';
import type { ElementNode, TreeNode } from '../tree/element';

/** Small readers over the neutral tree; every "missing" names the element and its parent. */

const utf8 = new TextDecoder('utf-8');

export function childElements(parent: ElementNode, name?: string): ElementNode[] {
  return parent.children.filter(
    (child): child is ElementNode => child.kind === 'element' && (name === undefined || child.name === name),
  );
}

export function childElement(parent: ElementNode, name: string): ElementNode | undefined {
  return parent.children.find(
    (child): child is ElementNode => child.kind === 'element' && child.name === name,
  );
}

export function requireElement(parent: ElementNode, name: string): ElementNode {
  const found = childElement(parent, name);
  if (found === undefined) throw invalid(`${parent.name} is missing ${name}`);
  return found;
}

/** Text content of a scalar element (CmdID, LocURI, ...), trimmed: pretty-printers indent it. */
export function scalarText(node: ElementNode): string {
  return rawText(node.children).trim();
}

/** Text and opaque children joined as text, untrimmed. */
export function rawText(children: readonly TreeNode[]): string {
  return children
    .map((child) =>
      child.kind === 'text' ? child.value : child.kind === 'opaque' ? utf8.decode(child.bytes) : '',
    )
    .join('');
}

export function optionalText(parent: ElementNode, name: string): string | undefined {
  const found = childElement(parent, name);
  return found === undefined ? undefined : scalarText(found);
}

export function requireText(parent: ElementNode, name: string): string {
  return scalarText(requireElement(parent, name));
}

export function textsOf(parent: ElementNode, name: string): string[] {
  return childElements(parent, name).map(scalarText);
}

/** Empty marker elements (Final, NoResp, MoreData, UTC, ...): present or not. */
export function hasFlag(parent: ElementNode, name: string): boolean {
  return childElement(parent, name) !== undefined;
}

export function optionalInteger(parent: ElementNode, name: string): number | undefined {
  const value = optionalText(parent, name);
  return value === undefined ? undefined : parseInteger(value, `${parent.name}/${name}`);
}

export function parseInteger(value: string, what: string): number {
  if (!/^\d+$/.test(value)) throw invalid(`${what} is not a non-negative integer: '${value.slice(0, 40)}'`);
  return Number(value);
}

export function invalid(message: string): SyncmlDecodeError {
  return new SyncmlDecodeError(SyncmlErrorCodes.invalidMessage, message);
}
