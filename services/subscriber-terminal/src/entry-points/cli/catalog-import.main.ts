import { defineConfig, runService } from '@dms/service-kit';
import { openServiceCache, openServiceStore } from '@dms/service-runtime';
import { subscriberTerminalConfig } from '../../config';
import { InvalidRequestError } from '../../domain/subscriber-terminal.errors';
import { importCatalogFile } from './catalog-import.command';

const { mongoUrl, mongoDatabase, embeddedFile, redisUrl, topicPrefix, logLevel } = subscriberTerminalConfig;
const catalogImportConfig = defineConfig({ mongoUrl, mongoDatabase, embeddedFile, redisUrl, topicPrefix, logLevel });

/**
 * `pnpm --filter @dms/subscriber-terminal catalog-import FILE.csv`: imports a terminal catalog
 * (header tac,manufacturer,model[,os,...]) into the service's store, MongoDB when DMS_MONGO_URL
 * is set, else the embedded SQLite file. Exit 0 on success, 1 with one line on stderr otherwise.
 */
void runService(
  async ({ config, logger, shutdown }) => {
    const file = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
    if (file === undefined) throw new InvalidRequestError('usage: catalog-import FILE.csv');
    const store = openServiceStore(config, 'subscriber-terminal');
    shutdown.register('store', () => store.close());
    const cache = openServiceCache(config, 'subscriber-terminal', logger);
    shutdown.register('cache', () => cache.close());
    const result = await importCatalogFile({ file, store, cache, logger });
    process.stdout.write(`imported ${result.imported} catalog entries from ${file}\n`);
    await shutdown.shutdown('import finished');
  },
  {
    service: 'subscriber-terminal-catalog-import',
    config: { definition: catalogImportConfig, env: process.env },
    argv: process.argv.slice(2),
    level: (config) => (config.logLevel === 'info' ? 'warn' : config.logLevel),
  },
);
