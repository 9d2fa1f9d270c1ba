import type { DmCommand } from '@dms/contracts';
import type { SettingLeaf } from './family-layout';

/** Add or Replace of one leaf;; character data goes as text/plain. */
export const leafCommand = (verb: 'Add' | 'Replace', leaf: SettingLeaf): DmCommand => ({
  verb,
  target: leaf.uri,
  data: leaf.value,
  format: leaf.format ?? 'chr',
  ...(leaf.format === undefined || leaf.format === 'chr' ? { type: 'text/plain' } : {}),
});

/** Add of an interior node (a dynamic instance), before the leaves under it. */
export const nodeCommand = (uri: string): DmCommand => ({ verb: 'Add', target: uri, format: 'node' });

export const within = (uri: string, root: string): boolean => uri === root || uri.startsWith(`${root}/`);

/** `uri` under `from` moved to the same relative path under `to`. */
export const rebase = (uri: string, from: string, to: string): string => `${to}${uri.slice(from.length)}`;

export const parentOf = (uri: string): string => uri.slice(0, uri.lastIndexOf('/'));
