import { StatusCodes, type Item, type ItemCommand } from '@dms/syncml';
import { allows, isInterior, valueSize, type DmNode } from '../tree/dm-node';
import { parseDmUri } from '../tree/dm-uri';
import type { DmTree } from '../tree/dm-tree';
import type { ExecutionOutcome } from './execution.types';
import { dataForWire } from './item-data';
import { resultsFor, statusFor } from './status.builder';

type GetAnswer = { status: number; items?: Item[] };

/**
 * Get (OMA DM 1.2 protocol 6.6.5, TND 8.3-8.4): a leaf gives its value with Meta Format
 * (and Type when set); an interior node its child names joined by `/` with Format `node`;
 * `?prop=` ACL/Format/Name/Size/Type; `?list=Struct|StructData`. Missing 404, no Get
 * access 405, other properties and TNDS 406. Status first, then one Results.
 */
export function executeGet(
  tree: DmTree,
  command: ItemCommand,
  msgRef: string,
  binaryFormat: 'bin' | 'b64',
): ExecutionOutcome {
  const outcome: ExecutionOutcome = { responses: [], executed: [] };
  const found: Item[] = [];
  for (const item of command.items) {
    const uri = item.target?.locURI ?? '';
    const answer = uri === '' ? { status: StatusCodes.incompleteCommand } : getOne(tree, uri, binaryFormat);
    outcome.responses.push(
      statusFor(command, msgRef, answer.status, uri === '' ? {} : { targetRefs: [uri] }),
    );
    outcome.executed.push({ verb: 'Get', target: uri, status: answer.status });
    found.push(...(answer.items ?? []));
  }
  if (command.items.length === 0)
    outcome.responses.push(statusFor(command, msgRef, StatusCodes.incompleteCommand));
  if (found.length > 0) outcome.responses.push(resultsFor(command, msgRef, found));
  return outcome;
}

function getOne(tree: DmTree, uri: string, binaryFormat: 'bin' | 'b64'): GetAnswer {
  const parsed = parseDmUri(uri);
  const node = tree.find(uri);
  if (parsed === undefined || node === undefined) return { status: StatusCodes.notFound };
  if (!allows(node, 'Get')) return { status: StatusCodes.commandNotAllowed };
  if (parsed.prop !== undefined) return property(node, uri, parsed.prop);
  if (parsed.list !== undefined) return listing(tree, uri.split('?')[0] ?? uri, parsed.list, binaryFormat);
  return { status: StatusCodes.ok, items: [valueItem(node, uri, binaryFormat)] };
}

function valueItem(node: DmNode, uri: string, binaryFormat: 'bin' | 'b64'): Item {
  if (isInterior(node))
    return { source: { locURI: uri }, meta: { format: 'node' }, data: [...node.children.keys()].join('/') };
  const { data, format } = dataForWire(node, binaryFormat);
  return {
    source: { locURI: uri },
    meta: { format, ...(node.type === undefined ? {} : { type: node.type }) },
    data,
  };
}

function property(node: DmNode, uri: string, prop: string): GetAnswer {
  const values: Record<string, string | undefined> = {
    ACL: (node.access ?? ['Add', 'Delete', 'Exec', 'Get', 'Replace'])
      .filter((v) => v !== 'Copy')
      .map((v) => `${v}=*`)
      .join('&'),
    Format: node.format,
    Name: node.name,
    Size: isInterior(node) ? undefined : String(valueSize(node.value)),
    Type: node.type ?? (isInterior(node) ? '' : 'text/plain'),
  };
  const value = values[prop];
  if (value === undefined) return { status: StatusCodes.optionalFeatureNotSupported };
  return {
    status: StatusCodes.ok,
    items: [{ source: { locURI: uri }, meta: { format: 'chr' }, data: value }],
  };
}

function listing(tree: DmTree, uri: string, list: string, binaryFormat: 'bin' | 'b64'): GetAnswer {
  if (list !== 'Struct' && list !== 'StructData') return { status: StatusCodes.optionalFeatureNotSupported };
  const items: Item[] = [];
  for (const path of tree.list(uri)) {
    const node = tree.find(path);
    if (node === undefined) continue;
    if (list === 'StructData' && !isInterior(node) && allows(node, 'Get'))
      items.push(valueItem(node, path, binaryFormat));
    else items.push({ source: { locURI: path }, meta: { format: node.format } });
  }
  return { status: StatusCodes.ok, items };
}
