import { PublicIds } from '../codes/public-id.codes';
import type { SyncMLMessage } from '../model/message.model';
import { Namespaces, type SyncmlDocument } from '../tree/element';
import { readCommand } from './command.reader';
import { writeCommand } from './command.writer';
import type { DataWriteOptions } from './data.mapping';
import { readSyncHdr, writeSyncHdr } from './header.mapping';
import { childElements, hasFlag, invalid, requireElement } from './tree-reader';
import { el } from './tree-writer';

export type MessageWriteOptions = DataWriteOptions;

/**
 * Neutral tree -> typed message. The root must be SyncML with SyncHdr and SyncBody;
 * missing required header elements raise invalidMessage naming the element. Unknown
 * elements inside known ones are ignored; unknown commands in the body are kept (kind
 * `Unknown`) so the session can answer them.
 */
export function documentToMessage(doc: SyncmlDocument): SyncMLMessage {
  const { root } = doc;
  if (root.name !== 'SyncML') throw invalid(`root element is ${root.name}, not SyncML`);
  const hdr = readSyncHdr(requireElement(root, 'SyncHdr'));
  const body = requireElement(root, 'SyncBody');
  const commands = childElements(body)
    .filter((child) => child.name !== 'Final')
    .map(readCommand);
  return { hdr, body: { commands, final: hasFlag(body, 'Final') } };
}

/** Typed message -> neutral tree; namespace and public id follow VerDTD (1.1 or 1.2). */
export function messageToDocument(msg: SyncMLMessage, options?: MessageWriteOptions): SyncmlDocument {
  const v11 = msg.hdr.verDTD === '1.1';
  const root = el(
    'SyncML',
    [
      writeSyncHdr(msg.hdr),
      el('SyncBody', [
        ...msg.body.commands.map((command) => writeCommand(command, options)),
        msg.body.final && el('Final', []),
      ]),
    ],
    v11 ? Namespaces.syncml11 : Namespaces.syncml12,
  );
  return { publicId: v11 ? PublicIds.syncml11 : PublicIds.syncml12, root };
}
