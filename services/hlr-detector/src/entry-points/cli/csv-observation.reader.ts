import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { HlrImeiObservation } from '@dms/contracts';
import { UserError } from '@dms/service-kit';
import { validateObservations } from '../../domain/observation.validation';

/** The mirror file's columns; `imeisv` is optional, any order, header required. */
export const REQUIRED_COLUMNS = ['msisdn', 'imsi', 'imei', 'observedAt'] as const;
const OPTIONAL_COLUMNS = ['imeisv'] as const;

export class CsvHeaderError extends UserError {
  constructor(problem: string) {
    super(
      'HLR_IMPORT_BAD_HEADER',
      `mirror file header: ${problem}; expected msisdn,imsi,imei,observedAt[,imeisv]`,
    );
  }
}

export type CsvRow =
  | { readonly line: number; readonly observation: HlrImeiObservation }
  | { readonly line: number; readonly reason: string };

function cells(text: string): string[] {
  // Mirror files hold digits and timestamps: no embedded commas, quotes only as decoration.
  return text.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
}

/**
 * Streams a mirror file row by row (readline over the stream: memory stays flat however
 * large the file) and validates each row against the contract as a consumer would.
 * `onBytes` reports progress in bytes read. Blank lines are skipped.
 */
export async function* readMirrorCsv(
  input: Readable,
  source: string,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<CsvRow> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let columns: string[] | undefined;
  for await (const text of lines) {
    lineNumber++;
    onBytes?.(Buffer.byteLength(text) + 1);
    if (text.trim() === '') continue;
    if (columns === undefined) {
      columns = cells(text.replace(/^\uFEFF/, ''));
      const missing = REQUIRED_COLUMNS.filter((c) => !columns?.includes(c));
      if (missing.length > 0) throw new CsvHeaderError(`missing ${missing.join(', ')}`);
      const unknown = columns.filter(
        (c) =>
          !(REQUIRED_COLUMNS as readonly string[]).includes(c) &&
          !(OPTIONAL_COLUMNS as readonly string[]).includes(c),
      );
      if (unknown.length > 0) throw new CsvHeaderError(`unknown column ${unknown.join(', ')}`);
      continue;
    }
    const values = cells(text);
    if (values.length !== columns.length) {
      yield { line: lineNumber, reason: `${values.length} cells, the header has ${columns.length}` };
      continue;
    }
    const record: Record<string, string> = { source };
    columns.forEach((column, i) => {
      const value = values[i];
      if (value !== undefined && value !== '') record[column] = value;
    });
    const { valid, invalid } = validateObservations([record]);
    const observation = valid[0];
    if (observation !== undefined) yield { line: lineNumber, observation };
    else yield { line: lineNumber, reason: invalid[0]?.reason ?? 'invalid' };
  }
  if (columns === undefined) throw new CsvHeaderError('the file is empty');
}
