import type { Update } from '../document-store.port';
import { InvalidQueryError } from '../errors/invalid-query.error';
import { assertFieldPath } from './field-path';

/**
 * Rejects updates MongoDB would refuse (touching `_id`, two operators on overlapping
 * paths) and ones the embedded store could not mirror exactly, before either runs.
 */
export function assertUpdate(update: Update): void {
  const paths: string[] = [];
  for (const key of Object.keys(update)) {
    if (key !== '$set' && key !== '$unset' && key !== '$inc') {
      throw new InvalidQueryError(`unknown update operator ${key}`);
    }
  }
  // An undefined value is dropped (JSON, and the Mongo client's ignoreUndefined), so it is no path.
  for (const [path, value] of Object.entries(update.$set ?? {})) if (value !== undefined) paths.push(path);
  for (const path of update.$unset ?? []) paths.push(path);
  for (const [path, by] of Object.entries(update.$inc ?? {})) {
    if (typeof by !== 'number' || !Number.isFinite(by)) {
      throw new InvalidQueryError(`$inc ${path}: expected a finite number`);
    }
    paths.push(path);
  }
  if (paths.length === 0) throw new InvalidQueryError('empty update');
  for (const path of paths) {
    assertFieldPath(path);
    if (path === '_id' || path.startsWith('_id.')) throw new InvalidQueryError('_id cannot be updated');
  }
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as string;
    const cur = sorted[i] as string;
    if (cur === prev || cur.startsWith(`${prev}.`)) {
      throw new InvalidQueryError(`update paths conflict: ${prev} and ${cur}`);
    }
  }
}
