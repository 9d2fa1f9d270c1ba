import type { MetInf, MetInfMem } from '../model/metinf.model';
import { Namespaces, type ElementNode } from '../tree/element';
import { childElement, hasFlag, optionalInteger, optionalText, requireText, textsOf } from './tree-reader';
import { el, flag, leaves, optLeaf } from './tree-writer';

const metinf = Namespaces.metinf;

/** Element names of the MetInf DTD, used to recognise meta information carried as Data. */
export const metInfElementNames: ReadonlySet<string> = new Set([
  'Format',
  'Type',
  'Mark',
  'Size',
  'Anchor',
  'Version',
  'NextNonce',
  'MaxMsgSize',
  'MaxObjSize',
  'EMI',
  'Mem',
  'FieldLevel',
  'MetInf',
]);

/**
 * Meta -> MetInf. Children are MetInf elements directly, or (SyncML 1.0 style) wrapped in
 * one `<MetInf>`; both are accepted. Unknown children are ignored.
 */
export function readMetInf(meta: ElementNode): MetInf {
  const source = childElement(meta, 'MetInf') ?? meta;
  const anchor = childElement(source, 'Anchor');
  const mem = childElement(source, 'Mem');
  const emi = textsOf(source, 'EMI');
  const result: Record<string, unknown> = {
    format: optionalText(source, 'Format'),
    type: optionalText(source, 'Type'),
    mark: optionalText(source, 'Mark'),
    size: optionalInteger(source, 'Size'),
    anchor:
      anchor === undefined
        ? undefined
        : { last: optionalText(anchor, 'Last'), next: requireText(anchor, 'Next') },
    version: optionalText(source, 'Version'),
    nextNonce: optionalText(source, 'NextNonce'),
    maxMsgSize: optionalInteger(source, 'MaxMsgSize'),
    maxObjSize: optionalInteger(source, 'MaxObjSize'),
    emi: emi.length > 0 ? emi : undefined,
    mem: mem === undefined ? undefined : readMem(mem),
    fieldLevel: hasFlag(source, 'FieldLevel') ? true : undefined,
  };
  return withoutUndefined(result) as MetInf;
}

function readMem(mem: ElementNode): MetInfMem {
  return withoutUndefined({
    sharedMem: hasFlag(mem, 'SharedMem') ? true : undefined,
    freeMem: optionalInteger(mem, 'FreeMem'),
    freeId: optionalInteger(mem, 'FreeID'),
  }) as MetInfMem;
}

/** MetInf children in DTD order (Format, Type, Mark, Size, Anchor, Version, NextNonce, MaxMsgSize, MaxObjSize, EMI*, Mem?). */
export function writeMetInfChildren(meta: MetInf): ElementNode[] {
  const { anchor, mem } = meta;
  return [
    optLeaf('Format', meta.format, metinf),
    optLeaf('Type', meta.type, metinf),
    optLeaf('Mark', meta.mark, metinf),
    optLeaf('Size', meta.size, metinf),
    anchor && el('Anchor', [optLeaf('Last', anchor.last), optLeaf('Next', anchor.next)], metinf),
    optLeaf('Version', meta.version, metinf),
    optLeaf('NextNonce', meta.nextNonce, metinf),
    optLeaf('MaxMsgSize', meta.maxMsgSize, metinf),
    optLeaf('MaxObjSize', meta.maxObjSize, metinf),
    ...leaves('EMI', meta.emi ?? [], metinf),
    mem &&
      el(
        'Mem',
        [flag('SharedMem', mem.sharedMem), optLeaf('FreeMem', mem.freeMem), optLeaf('FreeID', mem.freeId)],
        metinf,
      ),
    flag('FieldLevel', meta.fieldLevel, metinf),
  ].filter((node): node is ElementNode => node !== undefined);
}

export function writeMeta(meta: MetInf | undefined): ElementNode | undefined {
  return meta === undefined ? undefined : el('Meta', writeMetInfChildren(meta));
}

/** True if every child element is a MetInf element in the metinf namespace (Anchor echoed as Data). */
export function isMetInfContent(nodes: readonly ElementNode[]): boolean {
  return nodes.length > 0 && nodes.every((node) => node.ns === metinf && metInfElementNames.has(node.name));
}

export function metInfFromElements(nodes: readonly ElementNode[]): MetInf {
  return readMetInf({ kind: 'element', name: 'Meta', children: nodes });
}

export function withoutUndefined<const T extends Record<string, unknown>>(record: T): T {
  for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
  return record;
}
