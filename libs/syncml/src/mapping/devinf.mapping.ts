import type { ContentTypeRef, DataStore, DevInf, DevInfExt, DsMem } from '../model/devinf.model';
import { Namespaces, type ElementNode } from '../tree/element';
import { readCtCap, writeCtCap } from './ctcap.mapping';
import { withoutUndefined } from './metinf.mapping';
import {
  childElement,
  childElements,
  hasFlag,
  optionalInteger,
  optionalText,
  requireElement,
  requireText,
  scalarText,
  textsOf,
} from './tree-reader';
import { el, flag, leaf, leaves, optLeaf } from './tree-writer';

const devInfTyped = new Set([
  'VerDTD',
  'Man',
  'Mod',
  'OEM',
  'FwV',
  'SwV',
  'HwV',
  'DevID',
  'DevTyp',
  'UTC',
  'SupportLargeObjs',
  'SupportNumberOfChanges',
  'DataStore',
  'Ext',
]);
const dataStoreTyped = new Set([
  'SourceRef',
  'DisplayName',
  'MaxGUIDSize',
  'Rx-Pref',
  'Rx',
  'Tx-Pref',
  'Tx',
  'DSMem',
  'SupportHierarchicalSync',
  'SyncCap',
]);

/** `<DevInf xmlns="syncml:devinf">` -> DevInf. VerDTD, DevID and DevTyp are required (DevInf DTD). */
export function readDevInf(node: ElementNode): DevInf {
  return withoutUndefined({
    verDTD: requireText(node, 'VerDTD'),
    man: optionalText(node, 'Man'),
    mod: optionalText(node, 'Mod'),
    oem: optionalText(node, 'OEM'),
    fwV: optionalText(node, 'FwV'),
    swV: optionalText(node, 'SwV'),
    hwV: optionalText(node, 'HwV'),
    devId: requireText(node, 'DevID'),
    devTyp: requireText(node, 'DevTyp'),
    utc: hasFlag(node, 'UTC'),
    supportLargeObjs: hasFlag(node, 'SupportLargeObjs'),
    supportNumberOfChanges: hasFlag(node, 'SupportNumberOfChanges'),
    dataStores: childElements(node, 'DataStore').map(readDataStore),
    ext: childElements(node, 'Ext').map(readExt),
    other: childElements(node).filter((child) => !devInfTyped.has(child.name)),
  });
}

function readDataStore(node: ElementNode): DataStore {
  const ctCapNodes = childElements(node, 'CTCap');
  const ctCaps = ctCapNodes.map(readCtCap);
  const dsMem = childElement(node, 'DSMem');
  const syncCap = childElement(node, 'SyncCap');
  return withoutUndefined({
    sourceRef: requireText(node, 'SourceRef'),
    displayName: optionalText(node, 'DisplayName'),
    maxGUIDSize: optionalInteger(node, 'MaxGUIDSize'),
    rxPref: optionalContentType(node, 'Rx-Pref'),
    rx: childElements(node, 'Rx').map(readContentType),
    txPref: optionalContentType(node, 'Tx-Pref'),
    tx: childElements(node, 'Tx').map(readContentType),
    ctCaps: ctCaps.filter((cap) => cap !== undefined),
    dsMem: dsMem === undefined ? undefined : readDsMem(dsMem),
    supportHierarchicalSync: hasFlag(node, 'SupportHierarchicalSync'),
    syncCap: { syncTypes: syncCap === undefined ? [] : textsOf(syncCap, 'SyncType') },
    // CTCaps outside the 1.2 model stay untyped, as do Filter-Rx, FilterCap and vendor elements.
    other: childElements(node).filter(
      (child) =>
        !dataStoreTyped.has(child.name) &&
        (child.name !== 'CTCap' || ctCaps[ctCapNodes.indexOf(child)] === undefined),
    ),
  });
}

function optionalContentType(node: ElementNode, name: string): ContentTypeRef | undefined {
  const found = childElement(node, name);
  return found === undefined ? undefined : readContentType(found);
}

function readContentType(node: ElementNode): ContentTypeRef {
  return { ctType: requireText(node, 'CTType'), verCT: optionalText(node, 'VerCT') ?? '' };
}

function readDsMem(node: ElementNode): DsMem {
  return withoutUndefined({
    sharedMem: hasFlag(node, 'SharedMem') ? true : undefined,
    maxMem: optionalInteger(node, 'MaxMem'),
    maxId: optionalInteger(node, 'MaxID'),
  });
}

function readExt(node: ElementNode): DevInfExt {
  return { xNam: scalarText(requireElement(node, 'XNam')), xVal: textsOf(node, 'XVal') };
}

// DevInf 1.2 DTD order: VerDTD, Man?, Mod?, OEM?, FwV, SwV, HwV, DevID, DevTyp, UTC?, SupportLargeObjs?,
// SupportNumberOfChanges?, DataStore+, CTCap* (1.1, kept in `other`), Ext*.
export function writeDevInf(devInf: DevInf): ElementNode {
  return el(
    'DevInf',
    [
      leaf('VerDTD', devInf.verDTD),
      optLeaf('Man', devInf.man),
      optLeaf('Mod', devInf.mod),
      optLeaf('OEM', devInf.oem),
      optLeaf('FwV', devInf.fwV),
      optLeaf('SwV', devInf.swV),
      optLeaf('HwV', devInf.hwV),
      leaf('DevID', devInf.devId),
      leaf('DevTyp', devInf.devTyp),
      flag('UTC', devInf.utc),
      flag('SupportLargeObjs', devInf.supportLargeObjs),
      flag('SupportNumberOfChanges', devInf.supportNumberOfChanges),
      ...devInf.dataStores.map(writeDataStore),
      ...devInf.other,
      ...devInf.ext.map((ext) => el('Ext', [leaf('XNam', ext.xNam), ...leaves('XVal', ext.xVal)])),
    ],
    Namespaces.devinf,
  );
}

// DataStore: SourceRef, DisplayName?, MaxGUIDSize?, Rx-Pref, Rx*, Tx-Pref, Tx*, CTCap*, DSMem?,
// SupportHierarchicalSync?, SyncCap, Filter-Rx*, FilterCap* (the last two in `other`).
function writeDataStore(store: DataStore): ElementNode {
  const contentType = (name: string, ref: ContentTypeRef) =>
    el(name, [leaf('CTType', ref.ctType), leaf('VerCT', ref.verCT)]);
  const { dsMem } = store;
  return el('DataStore', [
    leaf('SourceRef', store.sourceRef),
    optLeaf('DisplayName', store.displayName),
    optLeaf('MaxGUIDSize', store.maxGUIDSize),
    store.rxPref && contentType('Rx-Pref', store.rxPref),
    ...store.rx.map((ref) => contentType('Rx', ref)),
    store.txPref && contentType('Tx-Pref', store.txPref),
    ...store.tx.map((ref) => contentType('Tx', ref)),
    ...store.ctCaps.map(writeCtCap),
    dsMem &&
      el('DSMem', [
        flag('SharedMem', dsMem.sharedMem),
        optLeaf('MaxMem', dsMem.maxMem),
        optLeaf('MaxID', dsMem.maxId),
      ]),
    flag('SupportHierarchicalSync', store.supportHierarchicalSync),
    store.syncCap.syncTypes.length > 0 && el('SyncCap', leaves('SyncType', store.syncCap.syncTypes)),
    ...store.other,
  ]);
}
