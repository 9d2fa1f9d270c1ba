import type { DmCommand } from '@dms/contracts';
import type { SettingFindings } from '../setting-findings';
import { leafCommand, nodeCommand, parentOf, rebase, within } from './dm-commands';
import type { SettingLeaf } from './family-layout';

export interface FindingsRendering {
  /** The setting's commands, in order (one Atomic for the caller to wrap). */
  readonly commands: DmCommand[];
  /** Every template instance of the setting is at its own URI once they ran (so it counts as `applied`). */
  readonly atTemplate: boolean;
  /** Finding URIs with no template instance or leaf behind them: not acted on. */
  readonly ignored: string[];
}

interface HandsetLeaf {
  readonly leaf: SettingLeaf;
  /** The template instance it corresponds to, and the handset's own instance it sits in. */
  readonly template: string;
  readonly handset: string;
}

/**
 * One setting of a dynamic layout, from what a report found:
 * - wrong in a template instance where config puts it (our `Dms*` name): that instance is
 *   there and its leaves are Replaced, secrets too (how a password is pushed again).
 *   Instances that reference each other (MMS, its NAP and proxy) or a single one are one
 *   whole: all leaves; independent ones (bookmarks) only the instance found wrong, as the
 *   others may sit at the handset's own places;
 * - missing as a whole: Added, interior nodes first, then leaves;
 * - missing instances: each Added at the free place named, leaves at the same relative paths;
 * - wrong in the handset's own instance (same collection and relative path as a template
 *   leaf): Replaced there with the template's value, plus that instance's secrets when the
 *   profile has one (an empty one never overwrites the handset's).
 * A reference (a leaf whose value is a template instance) follows an instance Added here.
 * A wrong leaf diagnostics found `absent` (404) is Added instead of Replaced, and so is a
 * secret in the same interior node (secrets are never read; their siblings tell). The
 * interior node above it is left to the handset to create (DM 1.2 lets Add create parents).
 */
export function renderFindings(
  found: SettingFindings,
  leaves: readonly SettingLeaf[],
  instances: readonly string[],
): FindingsRendering {
  const ignored: string[] = [];
  const members = instances.filter((i) => !instances.some((o) => o !== i && within(i, o)));
  const placed = new Map<string, string>();
  for (const m of found.missing === 'whole' ? [] : found.missing)
    if (members.includes(m.template)) placed.set(m.template, m.at);
    else ignored.push(m.template);
  const value = (leaf: SettingLeaf, uri = leaf.uri): SettingLeaf => ({
    ...leaf,
    uri,
    value: placed.get(leaf.value) ?? leaf.value,
  });
  const wrongInPlace = new Set<string>();
  const elsewhere: { nodeUri: string; hit: HandsetLeaf }[] = [];
  for (const w of found.wrong) {
    const hit = handsetLeaf(w, leaves, members);
    if (hit === undefined) ignored.push(w.nodeUri);
    else if (hit.handset === hit.template) wrongInPlace.add(hit.template);
    else elsewhere.push({ nodeUri: w.nodeUri, hit });
  }
  // A leaf the handset does not have (404) is Added; so is a secret beside one (never read: its siblings tell).
  const absent = new Set(found.wrong.filter((w) => w.absent === true).map((w) => w.nodeUri));
  const verbFor = (uri: string, leaf: SettingLeaf): 'Add' | 'Replace' =>
    absent.has(uri) || (leaf.secret === true && [...absent].some((a) => parentOf(a) === parentOf(uri))) ? 'Add' : 'Replace';
  const whole = members.length === 1 || leaves.some((l) => members.includes(l.value));
  const commands: DmCommand[] = [];
  if (wrongInPlace.size > 0) {
    const moved = [...placed].flat();
    const replaced = whole ? members : [...wrongInPlace];
    const kept = leaves.filter(
      (l) => replaced.some((m) => within(l.uri, m)) && !moved.some((m) => within(l.uri, m)),
    );
    commands.push(...kept.map((l) => leafCommand(verbFor(l.uri, l), value(l))));
  } else if (found.missing === 'whole')
    commands.push(...instances.map(nodeCommand), ...leaves.map((l) => leafCommand('Add', l)));
  for (const [template, at] of placed) {
    commands.push(
      ...instances.filter((i) => within(i, template)).map((i) => nodeCommand(rebase(i, template, at))),
    );
    commands.push(
      ...leaves
        .filter((l) => within(l.uri, template))
        .map((l) => leafCommand('Add', value(l, rebase(l.uri, template, at)))),
    );
  }
  const repairs = new Map<string, DmCommand>();
  for (const { nodeUri, hit } of elsewhere)
    repairs.set(nodeUri, leafCommand(verbFor(nodeUri, hit.leaf), value(hit.leaf, nodeUri)));
  for (const { hit } of elsewhere)
    for (const leaf of leaves.filter(
      (l) => l.secret === true && l.value !== '' && within(l.uri, hit.template),
    )) {
      const uri = rebase(leaf.uri, hit.template, hit.handset);
      if (!repairs.has(uri)) repairs.set(uri, leafCommand(verbFor(uri, leaf), { ...leaf, uri }));
    }
  commands.push(...repairs.values());
  const atTemplate = wrongInPlace.size > 0 ? whole && placed.size === 0 : found.missing === 'whole';
  return { commands, atTemplate, ignored };
}

/**
 * The template leaf behind a handset leaf: `<collection>/<name>/<rel>` against
 * `<template instance>/<rel>` in the same collection. Several (bookmarks share a collection
 * and their relative paths): the one whose value diagnostics expected, else the one of the
 * same name. A numbered vendor slot may hold another template instance than its number says.
 */
function handsetLeaf(
  wrong: SettingFindings['wrong'][number],
  leaves: readonly SettingLeaf[],
  members: readonly string[],
): HandsetLeaf | undefined {
  const hits = members.flatMap((template): HandsetLeaf[] => {
    const collection = parentOf(template);
    if (!wrong.nodeUri.startsWith(`${collection}/`)) return [];
    const [name, ...rel] = wrong.nodeUri.slice(collection.length + 1).split('/');
    const leaf = leaves.find((l) => l.uri === [template, ...rel].join('/'));
    return leaf === undefined || rel.length === 0
      ? []
      : [{ leaf, template, handset: `${collection}/${name}` }];
  });
  return hits.length === 1
    ? hits[0]
    : (hits.find((h) => h.leaf.value === wrong.expected) ?? hits.find((h) => h.handset === h.template));
}
