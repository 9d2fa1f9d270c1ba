import type { ExpectedSettings, Finding, SettingKind } from '@dms/contracts';
import { readValue } from './diagnostic-job.plan';
import type { NodeReading } from './diagnostic-report.model';
import { childrenOf, collectionsOf, freePlace, matchInstances, normalizeRef, parentOf, sameValue, type InstancePlace, type TemplateInstance } from './instance.matcher';
import { compareVersions } from './natural-version';
import { isSecretNode } from './secret-node';

/** RepPro 10: 404 not found, 405 command not allowed, 406 optional feature not supported. */
const UNSUPPORTED = new Set([404, 405, 406]);
const NOT_FOUND = 404;

export interface FindingInput {
  readings: readonly NodeReading[];
  expected?: ExpectedSettings;
  /** The catalog's current firmware for the model (`extra.currentFwV`). */
  latestFwV?: string;
}

/** Typed findings of one diagnosis; the order is settings, unsupported nodes, firmware. */
export function deriveFindings(input: FindingInput): Finding[] {
  const findings: Finding[] = [];
  const expectedUris = new Set<string>();
  if (input.expected !== undefined) {
    for (const e of input.expected.expected) expectedUris.add(e.nodeUri);
    findings.push(...settingFindings(input.readings, input.expected));
  }
  // Leaves of the handset's own instances are compared where they are (a 404 there is a wrong setting).
  const collections = input.expected === undefined ? [] : collectionsOf(input.expected).map((c) => `${c}/`);
  for (const reading of input.readings) {
    if (!UNSUPPORTED.has(reading.status) || expectedUris.has(reading.uri) || isSecretNode(reading.uri)) continue;
    if (collections.some((c) => reading.uri.startsWith(c))) continue;
    findings.push({ kind: 'node-unsupported', nodeUri: reading.uri, status: reading.status });
  }
  const fwV = readValue(input.readings, './DevDetail/FwV');
  if (input.latestFwV !== undefined && fwV !== undefined && fwV.trim() !== '' && compareVersions(fwV, input.latestFwV) < 0)
    findings.push({ kind: 'firmware-outdated', current: fwV, latest: input.latestFwV });
  return findings;
}

type Leaf = ExpectedSettings['expected'][number];
/** `absent`: the Get answered 404 (the node is not there, as opposed to empty). */
type Observation = { leaf: Leaf; state: 'unset' | 'set' | 'unknown'; value: string; absent?: boolean };

/** Per setting, what was found missing or wrong; the handset's own instances when config listed its instances. */
function settingFindings(readings: readonly NodeReading[], expected: ExpectedSettings): Finding[] {
  const bySetting = new Map<SettingKind, Leaf[]>();
  for (const leaf of expected.expected) {
    if (isSecretNode(leaf.nodeUri)) continue;
    bySetting.set(leaf.setting, [...(bySetting.get(leaf.setting) ?? []), leaf]);
  }
  const instances = expected.instances ?? [];
  const places = instances.length > 0 ? matchInstances(expected, readings) : new Map<string, InstancePlace>();
  const findings: Finding[] = [];
  for (const [setting, leaves] of bySetting) {
    const own = instances.filter((i) => i.setting === setting);
    findings.push(...(own.length === 0 ? fixedFindings(setting, leaves.map((leaf) => observe(readings, leaf))) : instanceFindings(setting, leaves, own, places, readings, expected)));
  }
  return findings;
}

/**
 * Fixed places (vendor slots, a home page leaf): missing when none of its leaves is set
 * (absent, empty, or an int slot at 0, which is how a fixed-slot handset says "not
 * configured": an int leaf cannot be empty); otherwise each set-but-different or unset leaf
 * is a setting-wrong. Leaves whose Get failed otherwise (405, 5xx) or that were not read
 * tell nothing and are skipped. Credentials are never compared, so their values never
 * appear in a finding.
 */
function fixedFindings(setting: SettingKind, observations: readonly Observation[]): Finding[] {
  const known = observations.filter((o) => o.state !== 'unknown');
  if (known.length === 0) return [];
  if (known.every((o) => o.state === 'unset')) return [{ kind: 'setting-missing', setting }];
  return known.filter((o) => !sameValue(o.value, o.leaf.value)).map((o) => wrong(setting, o));
}

/**
 * Dynamic instances: each template instance is looked for among the handset's own
 * (instance.matcher.ts). None there: the setting is missing. Some missing (one bookmark of
 * two; the proxy of an MMS set; the NAP an MMS instance points at): those are named with a
 * free place to Add them, and a reference of an instance found that must point at one of
 * them is wrong, expected to hold that place. The leaves of the instances found are compared
 * where the handset keeps them; references to instances found are what found them, so they
 * are not compared again.
 */
function instanceFindings(
  setting: SettingKind,
  leaves: readonly Leaf[],
  own: readonly TemplateInstance[],
  places: ReadonlyMap<string, InstancePlace>,
  readings: readonly NodeReading[],
  expected: ExpectedSettings,
): Finding[] {
  const state = (i: TemplateInstance) => places.get(i.uri) ?? { state: 'unknown' as const };
  if (own.every((i) => state(i).state !== 'found')) return own.every((i) => state(i).state === 'absent') ? [{ kind: 'setting-missing', setting }] : [];
  const findings: Finding[] = [];
  const absent = own.filter((i) => state(i).state === 'absent');
  const placedAt = new Map<string, string>();
  if (absent.length > 0) {
    const reserved = new Set<string>();
    const missing = absent.map((i) => {
      const at = freePlace(i.uri, childrenOf(readings, parentOf(i.uri)), reserved);
      reserved.add(at);
      placedAt.set(i.uri, at);
      return { template: i.uri, at };
    });
    findings.push({ kind: 'setting-missing', setting, instances: missing });
  }
  const templateUris = new Set((expected.instances ?? []).map((i) => i.uri));
  for (const leaf of leaves) {
    const owner = ownerOf(own, leaf.nodeUri);
    if (owner === undefined) {
      const o = observe(readings, leaf);
      if (o.state !== 'unknown' && !sameValue(o.value, leaf.value)) findings.push(wrong(setting, o));
      continue;
    }
    const place = state(owner);
    if (place.state !== 'found') continue;
    const o = observe(readings, { ...leaf, nodeUri: place.uri + leaf.nodeUri.slice(owner.uri.length) });
    if (o.state === 'unknown') continue;
    if (templateUris.has(leaf.value)) {
      // A reference found what it points at; one pointing at an instance to be Added must point there.
      const at = placedAt.get(leaf.value);
      if (at !== undefined && normalizeRef(o.value) !== at) findings.push(wrong(setting, { ...o, leaf: { ...o.leaf, value: at } }));
      continue;
    }
    if (!sameValue(o.value, leaf.value)) findings.push(wrong(setting, o));
  }
  return findings;
}

function ownerOf(instances: readonly TemplateInstance[], nodeUri: string): TemplateInstance | undefined {
  return instances.filter((i) => nodeUri.startsWith(`${i.uri}/`)).sort((a, b) => b.uri.length - a.uri.length)[0];
}

function wrong(setting: SettingKind, o: Observation): Finding {
  return { kind: 'setting-wrong', setting, nodeUri: o.leaf.nodeUri, observed: o.value.slice(0, 1000), expected: o.leaf.value.slice(0, 1000), ...(o.absent === true ? { absent: true } : {}) };
}

function observe(readings: readonly NodeReading[], leaf: Leaf): Observation {
  const reading = readings.find((r) => r.uri === leaf.nodeUri);
  if (reading === undefined) return { leaf, state: 'unknown', value: '' };
  if (reading.status === NOT_FOUND) return { leaf, state: 'unset', value: '', absent: true };
  if (reading.status < 200 || reading.status >= 300) return { leaf, state: 'unknown', value: '' };
  const value = reading.data ?? '';
  const zeroInt = (reading.format === 'int' || reading.format === 'float') && Number(value) === 0 && Number(leaf.value) !== 0;
  return { leaf, state: value.trim() === '' || zeroInt ? 'unset' : 'set', value: zeroInt ? '' : value };
}
