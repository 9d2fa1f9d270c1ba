import type { Chal, Cred, Item, Location } from '../model/item.model';
import type { MetInf } from '../model/metinf.model';
import type { ElementNode } from '../tree/element';
import { readData, writeData, type DataWriteOptions } from './data.mapping';
import { readMetInf, withoutUndefined, writeMeta } from './metinf.mapping';
import { childElement, hasFlag, optionalText, requireElement, requireText } from './tree-reader';
import { el, flag, leaf, optLeaf } from './tree-writer';

export function readLocation(node: ElementNode): Location {
  return withoutUndefined({ locURI: requireText(node, 'LocURI'), locName: optionalText(node, 'LocName') });
}

export function optionalLocation(parent: ElementNode, name: string): Location | undefined {
  const found = childElement(parent, name);
  return found === undefined ? undefined : readLocation(found);
}

export function writeLocation(name: string, location: Location | undefined): ElementNode | undefined {
  return location === undefined
    ? undefined
    : el(name, [leaf('LocURI', location.locURI), optLeaf('LocName', location.locName)]);
}

export function optionalMeta(parent: ElementNode): MetInf | undefined {
  const meta = childElement(parent, 'Meta');
  return meta === undefined ? undefined : readMetInf(meta);
}

/** Item: Target?, Source?, SourceParent?, TargetParent?, Meta?, Data?, MoreData?. `commandMeta` supplies the inherited Format. */
export function readItem(node: ElementNode, commandMeta: MetInf | undefined): Item {
  const meta = optionalMeta(node);
  const data = childElement(node, 'Data');
  return withoutUndefined({
    target: optionalLocation(node, 'Target'),
    source: optionalLocation(node, 'Source'),
    sourceParent: optionalLocation(node, 'SourceParent'),
    targetParent: optionalLocation(node, 'TargetParent'),
    meta,
    data: data === undefined ? undefined : readData(data, meta?.format ?? commandMeta?.format),
    moreData: hasFlag(node, 'MoreData') ? true : undefined,
  });
}

export function writeItem(item: Item, options?: DataWriteOptions): ElementNode {
  return el('Item', [
    writeLocation('Target', item.target),
    writeLocation('Source', item.source),
    writeLocation('SourceParent', item.sourceParent),
    writeLocation('TargetParent', item.targetParent),
    writeMeta(item.meta),
    item.data !== undefined && writeData(item.data, options),
    flag('MoreData', item.moreData),
  ]);
}

/** Cred: Meta? (Type = scheme, Format), Data. Absent Meta means auth-basic b64 (RepPro default), kept as {}. */
export function optionalCred(parent: ElementNode): Cred | undefined {
  const cred = childElement(parent, 'Cred');
  if (cred === undefined) return undefined;
  return { meta: optionalMeta(cred) ?? {}, data: requireText(cred, 'Data') };
}

export function writeCred(cred: Cred | undefined): ElementNode | undefined {
  if (cred === undefined) return undefined;
  return el('Cred', [Object.keys(cred.meta).length > 0 && writeMeta(cred.meta), leaf('Data', cred.data)]);
}

export function optionalChal(parent: ElementNode): Chal | undefined {
  const chal = childElement(parent, 'Chal');
  return chal === undefined ? undefined : { meta: readMetInf(requireElement(chal, 'Meta')) };
}

export function writeChal(chal: Chal | undefined): ElementNode | undefined {
  return chal === undefined ? undefined : el('Chal', [writeMeta(chal.meta)]);
}
