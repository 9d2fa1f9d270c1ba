import type { Command, ItemCommandKind, MapItem } from '../model/command.model';
import type { ElementNode } from '../tree/element';
import { optionalChal, optionalCred, optionalMeta, readItem, readLocation } from './item.mapping';
import { withoutUndefined } from './metinf.mapping';
import {
  childElements,
  hasFlag,
  invalid,
  optionalInteger,
  optionalText,
  parseInteger,
  requireElement,
  requireText,
  textsOf,
} from './tree-reader';

const itemCommandKinds: ReadonlySet<string> = new Set<ItemCommandKind>([
  'Add',
  'Copy',
  'Delete',
  'Exec',
  'Get',
  'Move',
  'Put',
  'Replace',
]);

/**
 * One SyncBody / Atomic / Sequence / Sync child -> Command. Strict where RepPro is: CmdID
 * on every command, Status needs MsgRef, CmdRef, Cmd and a numeric Data, Alert a numeric
 * Data, Map its Target and Source. Unknown child elements inside a known command are
 * ignored; an unknown command element is kept as `Unknown` so it can be answered.
 */
export function readCommand(node: ElementNode): Command {
  const cmdId = () => requireText(node, 'CmdID');
  if (itemCommandKinds.has(node.name)) {
    const meta = optionalMeta(node);
    return withoutUndefined({
      kind: node.name as ItemCommandKind,
      cmdId: cmdId(),
      noResp: flagOf(node, 'NoResp'),
      cred: optionalCred(node),
      meta,
      archive: flagOf(node, 'Archive'),
      sftDel: flagOf(node, 'SftDel'),
      lang: optionalText(node, 'Lang'),
      correlator: optionalText(node, 'Correlator'),
      items: childElements(node, 'Item').map((item) => readItem(item, meta)),
    });
  }
  switch (node.name) {
    case 'Alert':
      return withoutUndefined({
        kind: 'Alert',
        cmdId: cmdId(),
        noResp: flagOf(node, 'NoResp'),
        cred: optionalCred(node),
        data: code(node),
        correlator: optionalText(node, 'Correlator'),
        items: childElements(node, 'Item').map((item) => readItem(item, undefined)),
      });
    case 'Atomic':
    case 'Sequence':
      return withoutUndefined({
        kind: node.name,
        cmdId: cmdId(),
        noResp: flagOf(node, 'NoResp'),
        meta: optionalMeta(node),
        commands: nestedCommands(node),
      });
    case 'Sync': {
      const target = childElements(node, 'Target')[0];
      const source = childElements(node, 'Source')[0];
      return withoutUndefined({
        kind: 'Sync',
        cmdId: cmdId(),
        noResp: flagOf(node, 'NoResp'),
        cred: optionalCred(node),
        target: target && readLocation(target),
        source: source && readLocation(source),
        meta: optionalMeta(node),
        numberOfChanges: optionalInteger(node, 'NumberOfChanges'),
        commands: nestedCommands(node),
      });
    }
    case 'Map':
      return withoutUndefined({
        kind: 'Map',
        cmdId: cmdId(),
        noResp: flagOf(node, 'NoResp'),
        target: readLocation(requireElement(node, 'Target')),
        source: readLocation(requireElement(node, 'Source')),
        cred: optionalCred(node),
        meta: optionalMeta(node),
        mapItems: childElements(node, 'MapItem').map(readMapItem),
      });
    case 'Status':
      return withoutUndefined({
        kind: 'Status',
        cmdId: cmdId(),
        msgRef: requireText(node, 'MsgRef'),
        cmdRef: requireText(node, 'CmdRef'),
        cmd: requireText(node, 'Cmd'),
        targetRefs: textsOf(node, 'TargetRef'),
        sourceRefs: textsOf(node, 'SourceRef'),
        cred: optionalCred(node),
        chal: optionalChal(node),
        data: code(node),
        items: childElements(node, 'Item').map((item) => readItem(item, undefined)),
      });
    case 'Results': {
      const meta = optionalMeta(node);
      return withoutUndefined({
        kind: 'Results',
        cmdId: cmdId(),
        msgRef: optionalText(node, 'MsgRef'),
        cmdRef: requireText(node, 'CmdRef'),
        meta,
        targetRefs: textsOf(node, 'TargetRef'),
        sourceRefs: textsOf(node, 'SourceRef'),
        items: childElements(node, 'Item').map((item) => readItem(item, meta)),
      });
    }
    case 'Search':
      return withoutUndefined({ kind: 'Search', cmdId: optionalText(node, 'CmdID'), element: node });
    default:
      return withoutUndefined({ kind: 'Unknown', cmdId: optionalText(node, 'CmdID'), element: node });
  }
}

/** Children of Atomic/Sequence/Sync that are commands (not CmdID, Meta, Target, ...). */
const containerFields = new Set(['CmdID', 'NoResp', 'Cred', 'Meta', 'Target', 'Source', 'NumberOfChanges']);

function nestedCommands(node: ElementNode): Command[] {
  return childElements(node)
    .filter((child) => !containerFields.has(child.name))
    .map(readCommand);
}

function readMapItem(node: ElementNode): MapItem {
  return {
    target: readLocation(requireElement(node, 'Target')),
    source: readLocation(requireElement(node, 'Source')),
  };
}

function code(node: ElementNode): number {
  const value = optionalText(node, 'Data');
  if (value === undefined)
    throw invalid(
      `${node.name} ${optionalText(node, 'CmdID') ?? ''} is missing Data (its code)`.replace('  ', ' '),
    );
  return parseInteger(value, `${node.name}/Data`);
}

function flagOf(node: ElementNode, name: string): true | undefined {
  return hasFlag(node, name) ? true : undefined;
}
