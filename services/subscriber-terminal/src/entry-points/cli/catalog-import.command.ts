import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Transform } from 'node:stream';
import type { Logger } from '@dms/service-kit';
import type { DocumentStore, KeyValueStore } from '@dms/store';
import { SingleBar, Presets } from 'cli-progress';
import { CatalogLookup } from '../../data-access/catalog.lookup';
import { CatalogRepository } from '../../data-access/catalog.repository';
import { SubscriberRepository } from '../../data-access/subscriber.repository';
import { TerminalRepository } from '../../data-access/terminal.repository';
import { CatalogPropagation } from '../../domain/catalog.propagation';
import { parseCatalogCsv } from '../../domain/catalog-csv.parser';
import { TerminalCatalogService, type ImportResult } from '../../domain/terminal-catalog.service';

export interface CatalogImportOptions {
  file: string;
  store: DocumentStore;
  cache: KeyValueStore;
  logger: Logger;
  /** Where the progress bar draws; default stderr. Tests pass a sink. */
  progressStream?: NodeJS.WritableStream;
}

/**
 * Streams a catalog CSV into the store with a progress bar over the bytes read, so a file
 * of millions of TACs never sits in memory. Cache entries of the imported TACs are dropped.
 */
export async function importCatalogFile(options: CatalogImportOptions): Promise<ImportResult> {
  const { size } = await stat(options.file);
  const bar = new SingleBar(
    {
      format: 'catalog import [{bar}] {percentage}% | {rows} rows | {eta_formatted}',
      stream: options.progressStream ?? process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 1000,
    },
    Presets.shades_classic,
  );
  bar.start(size, 0, { rows: 0 });
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const lines = createInterface({ input: createReadStream(options.file).pipe(counter), crlfDelay: Infinity });
  const repository = new CatalogRepository(options.store);
  await repository.ensureIndexes();
  const catalog = new TerminalCatalogService(
    repository,
    new CatalogLookup(repository, options.cache, 1, 0, options.logger),
    undefined,
    // Terminals and subscribers that took their names from the previous entry follow the import.
    new CatalogPropagation(new TerminalRepository(options.store), new SubscriberRepository(options.store)),
  );
  try {
    const result = await catalog.import(parseCatalogCsv(lines), (rows) => {
      if (rows % 100 === 0) bar.update(bytes, { rows });
    });
    bar.update(size, { rows: result.imported });
    return result;
  } finally {
    bar.stop();
    lines.close();
  }
}
