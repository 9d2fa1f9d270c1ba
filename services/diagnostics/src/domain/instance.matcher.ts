import type { ExpectedSettings } from '@dms/contracts';
import type { NodeReading } from './diagnostic-report.model';
import { isSecretNode } from './secret-node';

export type TemplateInstance = NonNullable<ExpectedSettings['instances']>[number];

/**
 * Children of one collection read per diagnosis at most: a handset with hundreds of
 * bookmarks is compared on the first ones it lists (the job stays a few hundred Gets).
 */
export const MAX_CHILDREN_READ = 50;

const OK = (status: number) => status >= 200 && status < 300;
export const parentOf = (uri: string): string => uri.slice(0, uri.lastIndexOf('/'));
const nameOf = (uri: string): string => uri.slice(uri.lastIndexOf('/') + 1);

/** The collections (interior nodes) holding the template's instances: `./ConnMO/NAP`, `./MMS`... */
export function collectionsOf(expected: ExpectedSettings): string[] {
  return [...new Set((expected.instances ?? []).map((i) => parentOf(i.uri)))];
}

/** Leaf paths of a template instance relative to it (`Addr`, `Auth/AuthType`), credentials left out. */
export function relativeLeaves(expected: ExpectedSettings, instance: TemplateInstance): string[] {
  const prefix = `${instance.uri}/`;
  const rels = expected.expected.filter((e) => e.nodeUri.startsWith(prefix)).map((e) => e.nodeUri.slice(prefix.length));
  return [...new Set([instance.match, ...rels])].filter((rel) => !isSecretNode(rel));
}

/**
 * The child names an interior Get answered (TND 8.3: names joined by `/`, Format node);
 * undefined when the collection was not read or could not be listed (405/406 on a handset
 * that does not list interior nodes).
 */
export function childrenOf(readings: readonly NodeReading[], collection: string): string[] | undefined {
  const reading = readings.find((r) => r.uri === collection);
  if (reading === undefined || !OK(reading.status)) return undefined;
  if (reading.format !== undefined && reading.format !== 'node') return undefined;
  return (reading.data ?? '')
    .split('/')
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .slice(0, MAX_CHILDREN_READ);
}

/**
 * After the collections were listed: the leaves of every handset instance not read yet, at
 * the relative paths of the template instances of that collection (a factory
 * `./ConnMO/NAP/Internet` is read as `Name`, `Addr`, `AddrType`, `Bearer`, `Auth/...`).
 */
export function instanceNodes(expected: ExpectedSettings, readings: readonly NodeReading[]): string[] {
  const read = new Set(readings.map((r) => r.uri));
  const uris: string[] = [];
  for (const collection of collectionsOf(expected)) {
    const children = childrenOf(readings, collection);
    if (children === undefined) continue;
    const rels = new Set(
      (expected.instances ?? []).filter((i) => parentOf(i.uri) === collection).flatMap((i) => relativeLeaves(expected, i)),
    );
    for (const child of children)
      for (const rel of rels) {
        const uri = `${collection}/${child}/${rel}`;
        if (!read.has(uri)) uris.push(uri);
      }
  }
  return [...new Set(uris)];
}

/**
 * Two setting values mean the same: equal once trimmed, and http(s) URLs compared in their
 * normal form (`http://portal.example` is `http://portal.example/`, the host's case does
 * not matter).
 */
export function sameValue(observed: string, expected: string): boolean {
  const a = observed.trim();
  const b = expected.trim();
  if (a === b) return true;
  const url = (v: string) => {
    if (!/^https?:\/\//i.test(v)) return undefined;
    try {
      return new URL(v).href;
    } catch {
      return undefined;
    }
  };
  const ua = url(a);
  return ua !== undefined && ua === url(b);
}

/** A reference leaf's value as a tree URI (`./ConnMO/NAP/MMS`), whichever way the handset wrote it. */
export function normalizeRef(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let v = value.trim().replace(/\/+$/, '');
  if (v === '') return undefined;
  if (v.startsWith('/')) v = `.${v}`;
  else if (!v.startsWith('./')) v = `./${v}`;
  return v;
}

/** Where the handset holds a template instance: its uri, `absent` (read, not there), or `unknown` (nothing read). */
export type InstancePlace = { state: 'found'; uri: string } | { state: 'absent' } | { state: 'unknown' };

const valueOf = (readings: readonly NodeReading[], uri: string): { status: number; data?: string } | undefined => readings.find((r) => r.uri === uri);

/**
 * Finds the handset's own instance of each template instance. A collection instance is the
 * child whose match leaf holds the expected value (the template's own name tried first,
 * each handset instance given to one template instance only); failing that, the template's
 * own instance when the handset has it and it is config's (`owned`) or empty (values then
 * compared leaf by leaf). An instance
 * found through a reference (the MMS NAP through the MMS instance's NapRef) is where that
 * reference points, when the handset has it.
 */
export function matchInstances(expected: ExpectedSettings, readings: readonly NodeReading[]): Map<string, InstancePlace> {
  const instances = expected.instances ?? [];
  const byUri = new Map(instances.map((i) => [i.uri, i]));
  const expectedValue = new Map(expected.expected.map((e) => [e.nodeUri, e.value]));
  const places = new Map<string, InstancePlace>();
  const taken = new Set<string>();

  const exists = (uri: string, instance: TemplateInstance): boolean | undefined => {
    const children = childrenOf(readings, parentOf(uri));
    if (children !== undefined && children.length < MAX_CHILDREN_READ) return children.includes(nameOf(uri));
    const leaves = relativeLeaves(expected, instance).map((rel) => valueOf(readings, `${uri}/${rel}`));
    if (leaves.some((r) => r !== undefined && OK(r.status))) return true;
    if (leaves.some((r) => r?.status === 404)) return false;
    return undefined;
  };

  const place = (instance: TemplateInstance): InstancePlace => {
    const known = places.get(instance.uri);
    if (known !== undefined) return known;
    let found: string | undefined;
    if (instance.via !== undefined) {
      const from = byUri.get(instance.via.uri);
      const owner = from === undefined ? undefined : place(from);
      if (owner?.state === 'unknown') {
        places.set(instance.uri, owner);
        return owner;
      }
      if (owner?.state === 'found') {
        const target = normalizeRef(readValueOk(readings, `${owner.uri}/${instance.via.leaf}`));
        if (target !== undefined && parentOf(target) === parentOf(instance.uri) && exists(target, instance) === true) found = target;
      }
    } else {
      const collection = parentOf(instance.uri);
      const own = nameOf(instance.uri);
      const children = childrenOf(readings, collection) ?? [own];
      const wanted = expectedValue.get(`${instance.uri}/${instance.match}`);
      const candidates = [own, ...children.filter((c) => c !== own)].filter((c) => children.includes(c));
      if (wanted !== undefined)
        for (const child of candidates) {
          const uri = `${collection}/${child}`;
          const value = readValueOk(readings, `${uri}/${instance.match}`);
          if (!taken.has(uri) && value !== undefined && sameValue(value, wanted)) {
            found = uri;
            break;
          }
        }
    }
    if (found === undefined && !taken.has(instance.uri)) {
      // The template's own place: config's (a Dms* name), or an empty slot to fill; a vendor slot holding something else is not ours.
      const own = exists(instance.uri, instance);
      const mine = instance.owned === true || instance.via !== undefined || (readValueOk(readings, `${instance.uri}/${instance.match}`) ?? '').trim() === '';
      if (own === true && mine) found = instance.uri;
      else if (own === undefined) {
        places.set(instance.uri, { state: 'unknown' });
        return { state: 'unknown' };
      }
    }
    const result: InstancePlace = found === undefined ? { state: 'absent' } : { state: 'found', uri: found };
    if (found !== undefined) taken.add(found);
    places.set(instance.uri, result);
    return result;
  };

  // Instances matched by content first, so a reference never takes a handset instance another one matches.
  for (const instance of instances) if (instance.via === undefined) place(instance);
  for (const instance of instances) place(instance);
  return places;
}

function readValueOk(readings: readonly NodeReading[], uri: string): string | undefined {
  const reading = valueOf(readings, uri);
  return reading !== undefined && OK(reading.status) ? reading.data : undefined;
}

/**
 * A free place in the handset's collection for a missing template instance: its own name
 * when free; in a numbered collection (vendor bookmarks `1`, `2`) the next number; else the
 * name with a number appended.
 */
export function freePlace(templateUri: string, children: readonly string[] | undefined, reserved: ReadonlySet<string>): string {
  const collection = parentOf(templateUri);
  const own = nameOf(templateUri);
  const taken = new Set([...(children ?? []), ...[...reserved].filter((u) => parentOf(u) === collection).map(nameOf)]);
  if (!taken.has(own)) return templateUri;
  if (/^\d+$/.test(own)) {
    const highest = Math.max(0, ...[...taken].filter((c) => /^\d+$/.test(c)).map(Number));
    return `${collection}/${highest + 1}`;
  }
  for (let n = 2; ; n += 1) if (!taken.has(`${own}${n}`)) return `${collection}/${own}${n}`;
}
