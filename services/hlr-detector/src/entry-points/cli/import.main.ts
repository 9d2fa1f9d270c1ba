import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createKafkaEventBus } from '@dms/bus';
import {
  EXIT_CONFIG,
  EXIT_FAILURE,
  EXIT_OK,
  formatConfigHelp,
  isConfigError,
  loadConfig,
  UserError,
} from '@dms/service-kit';
import { importConfig } from './import.config';
import { ImportProgressBar } from './import-progress.bar';
import { importMirrorFile } from './observation.import';

const USAGE = `usage: pnpm --filter @dms/hlr-detector import FILE.csv

Publishes an HLR mirror file (CSV, header msisdn,imsi,imei,observedAt[,imeisv]) to
hlr.imei-observations.v1. Invalid rows are listed with their line numbers and skipped.
Exit status: 0 all rows published, 3 some rows invalid (the rest published), 1 failure,
78 configuration error.

Environment variables:
${formatConfigHelp(importConfig)}
`;

/** Exit status when the file was imported but some rows were skipped as invalid. */
const EXIT_SOME_INVALID = 3;

class UsageError extends UserError {
  constructor(message: string) {
    super('HLR_IMPORT_USAGE', message);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.length === 0) {
    process.stdout.write(USAGE);
    return argv.length === 0 ? EXIT_FAILURE : EXIT_OK;
  }
  if (argv.length !== 1 || argv[0] === undefined) throw new UsageError('exactly one FILE.csv expected');
  // `pnpm --filter` runs in the package folder; resolve the path where the user typed it.
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), argv[0]);
  const config = loadConfig(importConfig, process.env);
  const bus = createKafkaEventBus({
    brokers: config.kafkaBrokers,
    clientId: 'hlr-import',
    source: '/services/hlr-detector/import',
    topicPrefix: config.topicPrefix,
    producer: { lingerMs: 5, maxBatchSize: 5000 },
  });
  const progress = new ImportProgressBar(statSync(file).size);
  try {
    const summary = await importMirrorFile({
      input: createReadStream(file),
      bus,
      source: config.source,
      batchSize: config.batchSize,
      progress,
    });
    progress.stop();
    const rate = Math.round(summary.rows / Math.max(summary.seconds, 0.001));
    process.stderr.write(
      `${file}: ${summary.rows} rows, ${summary.published} published, ${summary.invalid} invalid, ${summary.seconds.toFixed(1)} s (${rate} rows/s)\n`,
    );
    return summary.invalid > 0 ? EXIT_SOME_INVALID : EXIT_OK;
  } finally {
    progress.stop();
    await bus.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`hlr-detector import: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(isConfigError(error) ? EXIT_CONFIG : EXIT_FAILURE);
  },
);
