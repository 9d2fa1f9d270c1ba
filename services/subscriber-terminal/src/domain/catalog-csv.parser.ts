import { CatalogCsvError } from './subscriber-terminal.errors';

/** One row of a catalog CSV: tac, manufacturer, model, os and any further columns. */
export interface CatalogRow {
  tac: string;
  manufacturer: string;
  model: string;
  os?: string;
  extra: Record<string, string>;
}

const REQUIRED = ['tac', 'manufacturer', 'model'] as const;
const KNOWN: readonly string[] = [...REQUIRED, 'os'];

/** RFC 4180 fields of one line: commas, double-quoted fields with "" for a quote. */
export function splitCsvLine(line: string, lineNumber: number): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"' && current === '') quoted = true;
    else if (ch === ',') {
      fields.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (quoted) throw new CatalogCsvError('unterminated quoted field', lineNumber);
  fields.push(current.trim());
  return fields;
}

/**
 * Reads a catalog CSV line by line (the header names the columns; tac, manufacturer and
 * model are required). Streams: give it any iterable of lines, a file reader included.
 */
export async function* parseCatalogCsv(
  lines: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<CatalogRow> {
  let header: string[] | undefined;
  let lineNumber = 0;
  for await (const rawLine of lines) {
    lineNumber++;
    const line = rawLine.replace(/\r$/, '').replace(/^\uFEFF/, '');
    if (line.trim() === '') continue;
    const fields = splitCsvLine(line, lineNumber);
    if (header === undefined) {
      // The known columns in any case; extra columns keep their name as written (currentFwV is
      // the key diagnostics reads the model's current firmware from).
      header = fields.map((f) => (KNOWN.includes(f.toLowerCase()) ? f.toLowerCase() : f));
      for (const name of REQUIRED)
        if (!header.includes(name)) throw new CatalogCsvError(`header lacks the column ${name}`, lineNumber);
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((name, i) => {
      const value = fields[i];
      if (value !== undefined && value !== '') row[name] = value;
    });
    const { tac, manufacturer, model, os, ...extra } = row;
    if (tac === undefined || !/^\d{8}$/.test(tac))
      throw new CatalogCsvError(`tac must be 8 digits, got ${JSON.stringify(tac ?? '')}`, lineNumber);
    if (!manufacturer || !model) throw new CatalogCsvError('manufacturer and model are required', lineNumber);
    yield { tac, manufacturer, model, ...(os === undefined ? {} : { os }), extra };
  }
}
