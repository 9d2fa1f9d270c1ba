import type { Item, ItemCommand, ItemData } from '@dms/syncml';
import { StatusCodes } from '@dms/syncml';
import { isNodeFormat, type DmNode, type NodeFormat, type NodeSpec, type NodeValue } from '../tree/dm-node';

/**
 * Turns an Add/Replace item into what the tree stores. Format: item Meta over command
 * Meta over the default `chr` (RepPro 2.3.4). A `b64` payload for a `bin` node is
 * decoded (XML carries binary as base64, TND 8.3.7.2). Nested documents have no stored
 * form here: 415.
 */
export function specFromItem(
  command: ItemCommand,
  item: Item,
  existing: DmNode | undefined,
  data: ItemData | undefined = item.data,
): NodeSpec | number {
  const formatText = item.meta?.format ?? command.meta?.format;
  if (formatText !== undefined && !isNodeFormat(formatText)) return StatusCodes.unsupportedMediaType;
  const type = item.meta?.type ?? command.meta?.type;
  let format: NodeFormat = formatText ?? (existing?.format === 'bin' ? 'bin' : 'chr');
  if (format === 'node') return { format, ...(type === undefined ? {} : { type }) };
  let value: NodeValue;
  if (data === undefined) value = '';
  else if (typeof data === 'string' || data instanceof Uint8Array) value = data;
  else return StatusCodes.unsupportedMediaType;
  if (format === 'b64' && existing?.format === 'bin' && typeof value === 'string') {
    value = new Uint8Array(Buffer.from(value, 'base64'));
    format = 'bin';
  } else if (format === 'bin' && typeof value === 'string') {
    value = new TextEncoder().encode(value);
  } else if (format !== 'bin' && value instanceof Uint8Array) {
    format = 'bin';
  }
  return { format, value, ...(type === undefined ? {} : { type }) };
}

/** A leaf value as Results data: binary as raw octets on WBXML, as base64 text (Format b64) on XML. */
export function dataForWire(node: DmNode, binaryFormat: 'bin' | 'b64'): { data: ItemData; format: string } {
  const value = node.value ?? '';
  if (typeof value === 'string') return { data: value, format: node.format };
  return binaryFormat === 'bin'
    ? { data: value, format: 'bin' }
    : { data: Buffer.from(value).toString('base64'), format: 'b64' };
}
