import { SyncmlDecodeError, SyncmlErrorCodes } from '../errors/syncml.error';
import type { XmlLimits } from './xml-limits';
import { positionAt } from './xml-position';

/**
 * One linear pass over the markup before any parsing: refuses DTD tricks (an internal
 * subset is where billion-laughs and external-entity attacks live; SyncML never needs
 * one) and documents nested or sized beyond the limits, so the parser never sees them.
 * Returns the DOCTYPE public identifier if one is present.
 */
export function prescanXml(source: string, limits: XmlLimits): { publicId?: string } {
  let publicId: string | undefined;
  let depth = 0;
  let elements = 0;
  let i = source.indexOf('<');
  while (i !== -1) {
    const next = source[i + 1];
    if (source.startsWith('<!--', i)) i = skipPast(source, i, '-->');
    else if (source.startsWith('<![CDATA[', i)) i = skipPast(source, i, ']]>');
    else if (next === '?') i = skipPast(source, i, '?>');
    else if (source.startsWith('<!DOCTYPE', i)) {
      const end = endOfMarkup(source, i);
      publicId = checkDoctype(source, i, end);
      i = end;
    } else if (next === '!') {
      // <!ENTITY, <!ELEMENT ... outside a DOCTYPE are not XML at all; refuse them as DTD content.
      throw new SyncmlDecodeError(
        SyncmlErrorCodes.forbiddenDoctype,
        'markup declaration outside a DOCTYPE is refused',
        positionAt(source, i),
      );
    } else if (next === '/') {
      depth -= 1;
      i = source.indexOf('>', i);
    } else {
      const end = endOfMarkup(source, i);
      elements += 1;
      if (elements > limits.maxElements)
        throw tooLarge(source, i, `more than ${limits.maxElements} elements`);
      if (source[end - 1] !== '/') {
        depth += 1;
        if (depth > limits.maxDepth)
          throw tooLarge(source, i, `elements nested deeper than ${limits.maxDepth}`);
      }
      i = end;
    }
    if (i === -1) break;
    i = source.indexOf('<', i);
  }
  return publicId === undefined ? {} : { publicId };
}

function tooLarge(source: string, offset: number, what: string): SyncmlDecodeError {
  return new SyncmlDecodeError(SyncmlErrorCodes.tooLarge, `document has ${what}`, positionAt(source, offset));
}

function skipPast(source: string, from: number, terminator: string): number {
  const at = source.indexOf(terminator, from);
  return at === -1 ? -1 : at + terminator.length - 1;
}

/** Offset of the `>` closing the markup that starts at `from`, skipping quoted values. */
function endOfMarkup(source: string, from: number): number {
  let quote: string | undefined;
  for (let i = from + 1; i < source.length; i += 1) {
    const c = source[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return -1;
}

const publicIdPattern = /^<!DOCTYPE\s+[^\s>[]+\s+PUBLIC\s+("([^"]*)"|'([^']*)')/;

function checkDoctype(source: string, start: number, end: number): string | undefined {
  const declaration = source.slice(start, end === -1 ? source.length : end + 1);
  // XML 1.0 [28]: the internal subset is the only place '[' may appear outside a quoted literal.
  const unquoted = declaration.replace(/"[^"]*"|'[^']*'/g, '');
  if (unquoted.includes('[') || /<!ENTITY/i.test(declaration)) {
    throw new SyncmlDecodeError(
      SyncmlErrorCodes.forbiddenDoctype,
      'DOCTYPE with an internal subset or entity declarations is refused',
      positionAt(source, start),
    );
  }
  const match = publicIdPattern.exec(declaration);
  return match?.[2] ?? match?.[3];
}
