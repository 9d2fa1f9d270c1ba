import { SyncmlDecodeError, SyncmlErrorCodes } from '../errors/syncml.error';

/**
 * Character references and the five predefined entities of XML 1.0 (section 4.6). The
 * parser runs with entity processing off, so this is the only place text is unescaped:
 * no DTD-declared entity is ever expanded (any other `&name;` is refused as undeclared).
 */
const predefinedEntities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as const;

const referencePattern = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);|&/g;

export function unescapeXmlText(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(referencePattern, (whole: string, ref: string | undefined) => {
    if (ref === undefined) throw new SyncmlDecodeError(SyncmlErrorCodes.malformed, "bare '&' in text");
    if (ref.startsWith('#')) {
      const codePoint =
        ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (!isXmlChar(codePoint))
        throw new SyncmlDecodeError(SyncmlErrorCodes.malformed, `invalid character reference ${whole}`);
      return String.fromCodePoint(codePoint);
    }
    const value = (predefinedEntities as Record<string, string>)[ref];
    if (value === undefined)
      throw new SyncmlDecodeError(SyncmlErrorCodes.malformed, `undeclared entity ${whole}`);
    return value;
  });
}

// XML 1.0 production [2] Char.
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const textEscapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\r': '&#13;',
};

/**
 * Escapes text content: `&` and `<` must be, `>` is too so that `]]>` never appears, and
 * CR is written as `&#13;` because XML 1.0 2.11 turns a literal CR LF into LF on reading
 * (vCard and iCalendar lines end in CR LF).
 */
export function escapeXmlText(value: string): string {
  return value.replace(/[&<>\r]/g, (c) => textEscapes[c] ?? c);
}

export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value).replace(/"/g, '&quot;');
}

/**
 * CDATA cannot contain `]]>`: close the section after `]]` and reopen it before `>`. A CR
 * cannot survive inside CDATA (XML 1.0 2.11), so it is written between sections as `&#13;`.
 */
export function writeCdata(value: string): string {
  const body = value.split(']]>').join(']]]]><![CDATA[>').split('\r').join(']]>&#13;<![CDATA[');
  return `<![CDATA[${body}]]>`.replace(/<!\[CDATA\[\]\]>/g, '');
}
