import { PublicIds } from '../codes/public-id.codes';
import { Namespaces } from '../tree/element';
import type { CodePage } from './code-page';
import { devInfCodePages } from './devinf.code-pages';
import { dmDdfCodePages } from './dm-ddf.code-pages';
import { syncmlCodePages } from './syncml.code-pages';

/** Formal public identifiers: the project's table plus DevInf 1.0, which only WBXML peers name. */
export const Fpi = { ...PublicIds, devinf10: '-//SYNCML//DTD DevInf 1.0//EN' } as const;

/** Registered WBXML public ids (WINA). DM DDF 1.2 has none: it is sent as a string-table FPI. */
export const NumericPublicIds = {
  unknown: 0x01,
  syncml10: 0x0fd1,
  devinf10: 0x0fd2,
  syncml11: 0x0fd3,
  devinf11: 0x0fd4,
  syncml12: 0x1201,
  devinf12: 0x1203,
} as const;

/** What a public id selects: the FPI, the root namespace and the code pages of its body. */
export interface WbxmlLanguage {
  readonly fpi: string;
  readonly numericId: number | undefined;
  readonly rootNs: string;
  readonly pages: readonly CodePage[];
  /** True for documents that travel inside a SyncML Data element (DevInf, DDF). */
  readonly embeddable: boolean;
}

function language(
  fpi: string,
  numericId: number | undefined,
  rootNs: string,
  pages: readonly CodePage[],
  embeddable: boolean,
): WbxmlLanguage {
  return { fpi, numericId, rootNs, pages, embeddable };
}

export const Languages: readonly WbxmlLanguage[] = [
  language(
    Fpi.syncml12,
    NumericPublicIds.syncml12,
    Namespaces.syncml12,
    syncmlCodePages(Namespaces.syncml12),
    false,
  ),
  language(
    Fpi.syncml11,
    NumericPublicIds.syncml11,
    Namespaces.syncml11,
    syncmlCodePages(Namespaces.syncml11),
    false,
  ),
  language(
    Fpi.syncml10,
    NumericPublicIds.syncml10,
    'SYNCML:SYNCML1.0',
    syncmlCodePages('SYNCML:SYNCML1.0'),
    false,
  ),
  language(Fpi.devinf12, NumericPublicIds.devinf12, Namespaces.devinf, devInfCodePages('1.2'), true),
  language(Fpi.devinf11, NumericPublicIds.devinf11, Namespaces.devinf, devInfCodePages('1.1'), true),
  language(Fpi.devinf10, NumericPublicIds.devinf10, Namespaces.devinf, devInfCodePages('1.1'), true),
  language(Fpi.dmddf12, undefined, Namespaces.dmddf12, dmDdfCodePages(), true),
];

const byNumber = new Map<number, WbxmlLanguage>();
const byFpi = new Map<string, WbxmlLanguage>();
for (const lang of Languages) {
  if (lang.numericId !== undefined) byNumber.set(lang.numericId, lang);
  byFpi.set(lang.fpi, lang);
}

export function languageByPublicId(id: number | string): WbxmlLanguage | undefined {
  return typeof id === 'number' ? byNumber.get(id) : byFpi.get(id.trim());
}

/** Namespaces that other toolkits use for the same documents (libwbxml writes `syncml:dmddf1.2`). */
const NamespaceAliases: Readonly<Record<string, string>> = {
  'syncml:dmddf1.2': Namespaces.dmddf12,
  'syncml:syncml1.2': Namespaces.syncml12,
  'syncml:syncml1.1': Namespaces.syncml11,
};

export function canonicalNamespace(ns: string): string {
  return NamespaceAliases[ns] ?? NamespaceAliases[ns.toLowerCase()] ?? ns;
}
