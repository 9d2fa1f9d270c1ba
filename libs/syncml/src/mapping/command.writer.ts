import type { Command } from '../model/command.model';
import type { ElementNode } from '../tree/element';
import type { DataWriteOptions } from './data.mapping';
import { writeChal, writeCred, writeItem, writeLocation } from './item.mapping';
import { writeMeta } from './metinf.mapping';
import { el, flag, leaf, leaves, optLeaf } from './tree-writer';

/**
 * Command -> element, children in the order of the SyncML RepPro 1.2 DTD (the order the
 * libsynthesis and Android toolkits write; some clients' parsers depend on it).
 */
export function writeCommand(command: Command, options?: DataWriteOptions): ElementNode {
  const items = (list: Parameters<typeof writeItem>[0][]) => list.map((item) => writeItem(item, options));
  const nested = (list: readonly Command[]) => list.map((child) => writeCommand(child, options));
  switch (command.kind) {
    case 'Add':
    case 'Copy':
    case 'Delete':
    case 'Exec':
    case 'Get':
    case 'Move':
    case 'Put':
    case 'Replace':
      // Delete: CmdID, NoResp?, Archive?, SftDel?, Cred?, Meta?, Item+; Get/Put: Lang? before Cred;
      // Exec: Correlator? after Meta.
      return el(command.kind, [
        leaf('CmdID', command.cmdId),
        flag('NoResp', command.noResp),
        flag('Archive', command.archive),
        flag('SftDel', command.sftDel),
        optLeaf('Lang', command.lang),
        writeCred(command.cred),
        writeMeta(command.meta),
        optLeaf('Correlator', command.correlator),
        ...items([...command.items]),
      ]);
    case 'Alert':
      return el('Alert', [
        leaf('CmdID', command.cmdId),
        flag('NoResp', command.noResp),
        writeCred(command.cred),
        leaf('Data', command.data),
        optLeaf('Correlator', command.correlator),
        ...items([...command.items]),
      ]);
    case 'Atomic':
    case 'Sequence':
      return el(command.kind, [
        leaf('CmdID', command.cmdId),
        flag('NoResp', command.noResp),
        writeMeta(command.meta),
        ...nested(command.commands),
      ]);
    case 'Sync':
      return el('Sync', [
        leaf('CmdID', command.cmdId),
        flag('NoResp', command.noResp),
        writeCred(command.cred),
        writeLocation('Target', command.target),
        writeLocation('Source', command.source),
        writeMeta(command.meta),
        optLeaf('NumberOfChanges', command.numberOfChanges),
        ...nested(command.commands),
      ]);
    case 'Map':
      return el('Map', [
        leaf('CmdID', command.cmdId),
        flag('NoResp', command.noResp),
        writeLocation('Target', command.target),
        writeLocation('Source', command.source),
        writeCred(command.cred),
        writeMeta(command.meta),
        ...command.mapItems.map((mapItem) =>
          el('MapItem', [writeLocation('Target', mapItem.target), writeLocation('Source', mapItem.source)]),
        ),
      ]);
    case 'Status':
      // OMA DM 1.2 / RepPro: status Data comes after TargetRef/SourceRef/Cred/Chal and before Item.
      return el('Status', [
        leaf('CmdID', command.cmdId),
        leaf('MsgRef', command.msgRef),
        leaf('CmdRef', command.cmdRef),
        leaf('Cmd', command.cmd),
        ...leaves('TargetRef', command.targetRefs),
        ...leaves('SourceRef', command.sourceRefs),
        writeCred(command.cred),
        writeChal(command.chal),
        leaf('Data', command.data),
        ...items([...command.items]),
      ]);
    case 'Results':
      return el('Results', [
        leaf('CmdID', command.cmdId),
        optLeaf('MsgRef', command.msgRef),
        leaf('CmdRef', command.cmdRef),
        writeMeta(command.meta),
        ...leaves('TargetRef', command.targetRefs),
        ...leaves('SourceRef', command.sourceRefs),
        ...items([...command.items]),
      ]);
    case 'Search':
    case 'Unknown':
      return command.element;
  }
}
