import type { DmCommand, DmCommandCompleted, ExpectedSettings } from '@dms/contracts';
import type { JobPhase, NodeReading } from './diagnostic-report.model';
import { collectionsOf, instanceNodes } from './instance.matcher';
import { isSecretNode } from './secret-node';

/** DevInfo (DM 1.2 Standardized Objects 5.3) and DevDetail (5.4) leaves every handset has. */
export const IDENTITY_NODES = [
  './DevInfo/Man',
  './DevInfo/Mod',
  './DevInfo/DmV',
  './DevInfo/Lang',
  './DevInfo/DevId',
  './DevDetail/FwV',
  './DevDetail/SwV',
  './DevDetail/HwV',
  './DevDetail/DevTyp',
  './DevDetail/OEM',
] as const;

/**
 * The nodes of the family's settings: config's `reads` plus every expected leaf, without
 * credentials. Each is its own Get of an exact URI: a missing node answers 404 for itself
 * and the others still answer (one Get of a parent with `?list=StructData` would be one
 * command, but is optional in DM 1.2 and many handsets answer it 406). The inventory root
 * is read as an interior node, whose Get answers the child names (TND 8.3).
 */
export function settingsNodes(expected: ExpectedSettings): string[] {
  // The collections of the template's instances are listed too, to find the handset's own (instance.matcher.ts).
  const uris = [...expected.reads, ...collectionsOf(expected), ...expected.expected.map((e) => e.nodeUri)];
  if (expected.softwareInventory !== undefined) uris.push(expected.softwareInventory);
  return [...new Set(uris)].filter((uri) => !isSecretNode(uri));
}

export function nodesFor(phase: JobPhase, expected: ExpectedSettings | undefined, readings: readonly NodeReading[] = []): string[] {
  if (phase === 'instances') return expected === undefined ? [] : instanceNodes(expected, readings);
  const identity: string[] = phase === 'settings' ? [] : [...IDENTITY_NODES];
  const settings = phase !== 'identity' && expected !== undefined ? settingsNodes(expected) : [];
  return [...new Set([...identity, ...settings])];
}

/** The job a run starts with, the only one that asks the user (the others follow an answer given). */
export function isFirstPhase(phase: JobPhase): boolean {
  return phase === 'full' || phase === 'identity';
}

export function getCommands(uris: readonly string[]): DmCommand[] {
  return uris.map((target) => ({ verb: 'Get', target }));
}

/** Deterministic, so a re-sent request is the same job to the gateway (it queues a job id once). */
export function jobIdOf(reportId: string, phase: JobPhase, retry = 0): string {
  return retry > 0 ? `${reportId}.${phase}.r${retry}` : `${reportId}.${phase}`;
}

/** The Get answers of a finished job, secrets dropped should a handset have answered one anyway. */
export function readingsOf(results: DmCommandCompleted['results']): NodeReading[] {
  return results
    .filter((r) => r.verb === 'Get' && r.target !== undefined && !isSecretNode(r.target))
    .map((r) => {
      const item = r.items[0];
      return {
        uri: r.target as string,
        status: r.status,
        ...(item?.data === undefined ? {} : { data: item.data }),
        ...(item?.format === undefined ? {} : { format: item.format }),
      };
    });
}

/** A leaf's value when its Get succeeded. */
export function readValue(readings: readonly NodeReading[], uri: string): string | undefined {
  const reading = readings.find((r) => r.uri === uri);
  return reading !== undefined && reading.status >= 200 && reading.status < 300 ? reading.data : undefined;
}
