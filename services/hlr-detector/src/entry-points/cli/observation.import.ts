import type { Readable } from 'node:stream';
import type { EventBus } from '@dms/bus';
import type { HlrImeiObservation } from '@dms/contracts';
import { OBSERVATIONS_TOPIC } from '../bus/observation.subscription';
import { readMirrorCsv } from './csv-observation.reader';

export interface ImportProgress {
  bytes(count: number): void;
  rows(published: number, invalid: number): void;
  invalidRow(line: number, reason: string): void;
}

export interface ImportSummary {
  rows: number;
  published: number;
  invalid: number;
  seconds: number;
}

/**
 * Publishes a mirror file to `hlr.imei-observations.v1`, `batchSize` observations at a
 * time: a batch is published concurrently (the Kafka adapter packs concurrent publishes
 * into one produce request) and awaited before the next rows are read, which is the
 * back-pressure that keeps memory flat. Invalid rows are reported and skipped.
 */
export async function importMirrorFile(options: {
  input: Readable;
  bus: EventBus;
  source: string;
  batchSize: number;
  progress: ImportProgress;
}): Promise<ImportSummary> {
  const { bus, progress } = options;
  const started = performance.now();
  let batch: HlrImeiObservation[] = [];
  let rows = 0;
  let published = 0;
  let invalid = 0;
  const flush = async () => {
    await Promise.all(
      batch.map((observation) => bus.publish(OBSERVATIONS_TOPIC, observation, { key: observation.msisdn })),
    );
    published += batch.length;
    batch = [];
    progress.rows(published, invalid);
  };
  for await (const row of readMirrorCsv(options.input, options.source, (count) => progress.bytes(count))) {
    rows++;
    if ('reason' in row) {
      invalid++;
      progress.invalidRow(row.line, row.reason);
      continue;
    }
    batch.push(row.observation);
    if (batch.length >= options.batchSize) await flush();
  }
  await flush();
  return { rows, published, invalid, seconds: (performance.now() - started) / 1000 };
}
