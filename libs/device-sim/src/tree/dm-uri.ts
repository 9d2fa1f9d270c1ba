/**
 * A node address as a server writes it in LocURI (OMA DM 1.2 TND 6): `./A/B`, also `A/B`
 * (the spec accepts the form without `./`), `.` for the root; `?prop=Name` asks for a node
 * property (TND 8.3), `?list=Struct` for a tree walk (TND 8.4). A leading `/`, an empty
 * segment or `..` is not an address.
 */
export interface DmUri {
  readonly segments: readonly string[];
  readonly prop?: string;
  readonly list?: string;
}

export function parseDmUri(uri: string): DmUri | undefined {
  const [path = '', query] = uri.trim().split('?', 2);
  if (path.startsWith('/')) return undefined;
  const bare = path === '.' ? '' : path.startsWith('./') ? path.slice(2) : path;
  const trimmed = bare.endsWith('/') ? bare.slice(0, -1) : bare;
  const segments = trimmed === '' ? [] : trimmed.split('/').map(decodeSegment);
  if (segments.some((s) => s === undefined || s === '' || s === '.' || s === '..')) return undefined;
  const result: { segments: string[]; prop?: string; list?: string } = { segments: segments as string[] };
  if (query !== undefined) {
    const [key, value] = query.split('=', 2);
    if (key === 'prop' && value) result.prop = value;
    else if (key === 'list' && value) result.list = value;
    else return undefined;
  }
  return result;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Canonical `./A/B` form of a segment list (the form Results and alerts carry). */
export function formatDmUri(segments: readonly string[]): string {
  return segments.length === 0 ? '.' : `./${segments.join('/')}`;
}

export function joinDmUri(base: string, ...rest: string[]): string {
  return [base.replace(/\/$/, ''), ...rest].join('/');
}
