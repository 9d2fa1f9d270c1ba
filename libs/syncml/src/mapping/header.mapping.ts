import type { SyncHdr } from '../model/message.model';
import type { ElementNode } from '../tree/element';
import { optionalCred, optionalMeta, readLocation, writeCred, writeLocation } from './item.mapping';
import { withoutUndefined, writeMeta } from './metinf.mapping';
import { hasFlag, optionalText, requireElement, requireText } from './tree-reader';
import { el, flag, leaf, optLeaf } from './tree-writer';

/** SyncHdr: VerDTD, VerProto, SessionID, MsgID, Target, Source, RespURI?, NoResp?, Cred?, Meta? (all but the last four required). */
export function readSyncHdr(node: ElementNode): SyncHdr {
  return withoutUndefined({
    verDTD: requireText(node, 'VerDTD'),
    verProto: requireText(node, 'VerProto'),
    sessionId: requireText(node, 'SessionID'),
    msgId: requireText(node, 'MsgID'),
    target: readLocation(requireElement(node, 'Target')),
    source: readLocation(requireElement(node, 'Source')),
    respURI: optionalText(node, 'RespURI'),
    noResp: hasFlag(node, 'NoResp') ? true : undefined,
    cred: optionalCred(node),
    meta: optionalMeta(node),
  });
}

export function writeSyncHdr(hdr: SyncHdr): ElementNode {
  return el('SyncHdr', [
    leaf('VerDTD', hdr.verDTD),
    leaf('VerProto', hdr.verProto),
    leaf('SessionID', hdr.sessionId),
    leaf('MsgID', hdr.msgId),
    writeLocation('Target', hdr.target),
    writeLocation('Source', hdr.source),
    optLeaf('RespURI', hdr.respURI),
    flag('NoResp', hdr.noResp),
    writeCred(hdr.cred),
    writeMeta(hdr.meta),
  ]);
}
