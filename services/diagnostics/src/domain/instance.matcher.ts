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
 * Finds the handset's own instance of each template instance, in this order:
 * 1. by content: the child whose match leaf holds the expected value (the template's own
 *    name tried first; one handset instance answers for one template instance);
 * 2. by reference: an instance reached through another (the MMS NAP and proxy through the
 *    MMS instance's NapRef/ProxyRef) is where the reference points, when the handset has it;
 * 3. the sole one: a setting with one instance of its own (the MMS instance, the Internet
 *    NAP) takes the collection's only instance nobody else took (a factory MMS instance
 *    whose MMSC moved; the Internet NAP beside the MMS NAP), then its references; one
 *    holding another template instance's match value (a NAP with the MMS APN) is not taken;
 * 4. the template's own place, when the handset has it and it is config's (`owned`: a Dms*
 *    name, whatever it holds) or an empty slot to fill; a numbered vendor slot holding
 *    something else is the user's or the factory's and is left alone.
 * Not found: `absent`; nothing read to tell: `unknown`.
 */
export function matchInstances(expected: ExpectedSettings, readings: readonly NodeReading[]): Map<string, InstancePlace> {
  const instances = expected.instances ?? [];
  const anchors = instances.filter((i) => i.via === undefined);
  const expectedValue = new Map(expected.expected.map((e) => [e.nodeUri, e.value]));
  const places = new Map<string, InstancePlace>();
  const taken = new Set<string>();
  const settle = (instance: TemplateInstance, uri: string) => {
    places.set(instance.uri, { state: 'found', uri });
    taken.add(uri);
  };
  const exists = (uri: string, instance: TemplateInstance): boolean | undefined => {
    const children = childrenOf(readings, parentOf(uri));
    if (children !== undefined && children.length < MAX_CHILDREN_READ) return children.includes(nameOf(uri));
    const leaves = relativeLeaves(expected, instance).map((rel) => valueOf(readings, `${uri}/${rel}`));
    if (leaves.some((r) => r !== undefined && OK(r.status))) return true;
    if (leaves.some((r) => r?.status === 404)) return false;
    return undefined;
  };
  // A handset instance holding what another template instance of the collection is matched by
  // (a NAP whose APN is the MMS one, referenced or not) is that one's, never a sole candidate.
  const isAnother = (instance: TemplateInstance, uri: string): boolean =>
    instances.some((other) => {
      if (other === instance || parentOf(other.uri) !== parentOf(instance.uri)) return false;
      const wanted = expectedValue.get(`${other.uri}/${other.match}`);
      const value = readValueOk(readings, `${uri}/${other.match}`);
      return wanted !== undefined && value !== undefined && sameValue(value, wanted);
    });
  const follow = () => {
    for (const instance of instances) {
      if (instance.via === undefined || places.has(instance.uri)) continue;
      const owner = places.get(instance.via.uri);
      if (owner?.state !== 'found') continue;
      const target = normalizeRef(readValueOk(readings, `${owner.uri}/${instance.via.leaf}`));
      if (target !== undefined && parentOf(target) === parentOf(instance.uri) && !taken.has(target) && exists(target, instance) === true)
        settle(instance, target);
    }
  };

  for (const instance of anchors) {
    const collection = parentOf(instance.uri);
    const own = nameOf(instance.uri);
    const children = childrenOf(readings, collection) ?? [own];
    const wanted = expectedValue.get(`${instance.uri}/${instance.match}`);
    if (wanted === undefined) continue;
    for (const child of [own, ...children.filter((c) => c !== own)].filter((c) => children.includes(c))) {
      const uri = `${collection}/${child}`;
      const value = readValueOk(readings, `${uri}/${instance.match}`);
      if (!taken.has(uri) && value !== undefined && sameValue(value, wanted)) {
        settle(instance, uri);
        break;
      }
    }
  }
  follow();
  // Until nothing more settles: what one takes (and references) can leave another a sole candidate.
  for (let settled = true; settled; ) {
    settled = false;
    for (const instance of anchors) {
      if (places.has(instance.uri) || anchors.filter((a) => a.setting === instance.setting).length !== 1) continue;
      const collection = parentOf(instance.uri);
      const free = (childrenOf(readings, collection) ?? [])
        .map((c) => `${collection}/${c}`)
        .filter((uri) => !taken.has(uri) && !isAnother(instance, uri));
      if (free.length !== 1) continue;
      settle(instance, free[0]!);
      follow();
      settled = true;
    }
  }
  for (const instance of [...anchors, ...instances.filter((i) => i.via !== undefined)]) {
    if (places.has(instance.uri)) continue;
    const owner = instance.via === undefined ? undefined : places.get(instance.via.uri);
    if (owner?.state === 'unknown') {
      places.set(instance.uri, owner);
      continue;
    }
    const own = taken.has(instance.uri) ? false : exists(instance.uri, instance);
    const mine = instance.owned === true || instance.via !== undefined || (readValueOk(readings, `${instance.uri}/${instance.match}`) ?? '').trim() === '';
    if (own === true && mine) settle(instance, instance.uri);
    else places.set(instance.uri, own === undefined ? { state: 'unknown' } : { state: 'absent' });
  }
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
