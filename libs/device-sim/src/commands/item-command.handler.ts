import { StatusCodes, type Item, type ItemCommand } from '@dms/syncml';
import type { DmTree } from '../tree/dm-tree';
import type { ExecutionOutcome } from './execution.types';
import { specFromItem } from './item-data';
import { statusFor } from './status.builder';

type ItemOperation = (tree: DmTree, command: ItemCommand, item: Item) => number;

const operations: Record<'Add' | 'Replace' | 'Delete' | 'Copy', ItemOperation> = {
  Add: (tree, command, item) => {
    const uri = item.target?.locURI;
    if (uri === undefined) return StatusCodes.incompleteCommand;
    const spec = specFromItem(command, item, undefined);
    return typeof spec === 'number' ? spec : tree.add(uri, spec);
  },
  Replace: (tree, command, item) => {
    const uri = item.target?.locURI;
    if (uri === undefined) return StatusCodes.incompleteCommand;
    const spec = specFromItem(command, item, tree.find(uri));
    return typeof spec === 'number' ? spec : tree.replace(uri, spec);
  },
  Delete: (tree, _command, item) => {
    const uri = item.target?.locURI;
    return uri === undefined ? StatusCodes.incompleteCommand : tree.delete(uri);
  },
  Copy: (tree, _command, item) => {
    const target = item.target?.locURI;
    const source = item.source?.locURI;
    return target === undefined || source === undefined
      ? StatusCodes.incompleteCommand
      : tree.copy(target, source);
  },
};

/**
 * Add, Replace, Delete, Copy (OMA DM 1.2 protocol 6.6): one Status per item with its
 * TargetRef, so a server can tell which node of a multi-item command failed.
 */
export function executeItemCommand(
  tree: DmTree,
  command: ItemCommand & { kind: keyof typeof operations },
  msgRef: string,
): ExecutionOutcome {
  const operation = operations[command.kind];
  const items = command.items.length === 0 ? [{}] : command.items;
  const outcome: ExecutionOutcome = { responses: [], executed: [] };
  for (const item of items) {
    const code = command.items.length === 0 ? StatusCodes.incompleteCommand : operation(tree, command, item);
    const target = item.target?.locURI ?? '';
    outcome.responses.push(statusFor(command, msgRef, code, target === '' ? {} : { targetRefs: [target] }));
    outcome.executed.push({ verb: command.kind, target, status: code });
  }
  return outcome;
}
