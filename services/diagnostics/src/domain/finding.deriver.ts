import type { ExpectedSettings, Finding, SettingKind } from '@dms/contracts';
import { readValue } from './diagnostic-job.plan';
import type { NodeReading } from './diagnostic-report.model';
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
  for (const reading of input.readings) {
    if (!UNSUPPORTED.has(reading.status) || expectedUris.has(reading.uri) || isSecretNode(reading.uri)) continue;
    findings.push({ kind: 'node-unsupported', nodeUri: reading.uri, status: reading.status });
  }
  const fwV = readValue(input.readings, './DevDetail/FwV');
  if (input.latestFwV !== undefined && fwV !== undefined && fwV.trim() !== '' && compareVersions(fwV, input.latestFwV) < 0)
    findings.push({ kind: 'firmware-outdated', current: fwV, latest: input.latestFwV });
  return findings;
}

type Leaf = ExpectedSettings['expected'][number];
type Observation = { leaf: Leaf; state: 'unset' | 'set' | 'unknown'; value: string };

/**
 * Per setting: missing when none of its leaves is set (absent, empty, or an int slot at 0,
 * which is how a fixed-slot handset says "not configured": an int leaf cannot be empty);
 * otherwise each set-but-different or unset leaf is a setting-wrong. Leaves whose Get failed
 * otherwise (405, 5xx) or that were not read tell nothing and are skipped. Credentials are
 * never compared, so their values never appear in a finding.
 */
function settingFindings(readings: readonly NodeReading[], expected: ExpectedSettings): Finding[] {
  const bySetting = new Map<SettingKind, Observation[]>();
  for (const leaf of expected.expected) {
    if (isSecretNode(leaf.nodeUri)) continue;
    const list = bySetting.get(leaf.setting) ?? [];
    list.push(observe(readings, leaf));
    bySetting.set(leaf.setting, list);
  }
  const findings: Finding[] = [];
  for (const [setting, observations] of bySetting) {
    const known = observations.filter((o) => o.state !== 'unknown');
    if (known.length === 0) continue;
    if (known.every((o) => o.state === 'unset')) {
      findings.push({ kind: 'setting-missing', setting });
      continue;
    }
    for (const o of known) {
      if (o.value.trim() === o.leaf.value.trim()) continue;
      findings.push({
        kind: 'setting-wrong',
        setting,
        nodeUri: o.leaf.nodeUri,
        observed: o.value.slice(0, 1000),
        expected: o.leaf.value.slice(0, 1000),
      });
    }
  }
  return findings;
}

function observe(readings: readonly NodeReading[], leaf: Leaf): Observation {
  const reading = readings.find((r) => r.uri === leaf.nodeUri);
  if (reading === undefined) return { leaf, state: 'unknown', value: '' };
  if (reading.status === NOT_FOUND) return { leaf, state: 'unset', value: '' };
  if (reading.status < 200 || reading.status >= 300) return { leaf, state: 'unknown', value: '' };
  const value = reading.data ?? '';
  const zeroInt = (reading.format === 'int' || reading.format === 'float') && Number(value) === 0 && Number(leaf.value) !== 0;
  return { leaf, state: value.trim() === '' || zeroInt ? 'unset' : 'set', value: zeroInt ? '' : value };
}
