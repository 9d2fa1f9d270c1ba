import type { SyncmlErrorPosition } from '../errors/syncml.error';

/** 1-based line and column of a character offset, as XML error messages report them. */
export function positionAt(source: string, offset: number): SyncmlErrorPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Line and column of the end of the input (where a truncated document stops). */
export function endPosition(source: string): SyncmlErrorPosition {
  return positionAt(source, source.length);
}
