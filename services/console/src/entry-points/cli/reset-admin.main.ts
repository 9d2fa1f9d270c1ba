import { defineConfig, runService } from '@dms/service-kit';
import { openServiceCache, openServiceStore } from '@dms/service-runtime';
import { consoleConfig } from '../../config';
import { UsageError } from '../../domain/console.errors';
import { resetAdmin, resetAdminNotice } from './reset-admin.command';

const { mongoUrl, mongoDatabase, embeddedFile, redisUrl, topicPrefix, logLevel, signInMaxFailures, signInLockMs } =
  consoleConfig;
const resetAdminConfig = defineConfig({
  mongoUrl,
  mongoDatabase,
  embeddedFile,
  redisUrl,
  topicPrefix,
  logLevel,
  signInMaxFailures,
  signInLockMs,
});

/**
 * `pnpm --filter @dms/console reset-admin USERNAME [--enable]`: sets a new random password
 * for a console user (e.g. a first admin whose password was never seen) in the console's
 * store, MongoDB when DMS_MONGO_URL is set, else the SQLite file, and prints it once on
 * stdout, never to the logger. Exit 0 on success, 1 with one line on stderr otherwise.
 */
void runService(
  async ({ config, logger, shutdown }) => {
    const args = process.argv.slice(2);
    const username = args.find((arg) => !arg.startsWith('--'));
    if (username === undefined) throw new UsageError('usage: reset-admin USERNAME [--enable]');
    const store = openServiceStore(config, 'console');
    shutdown.register('store', () => store.close());
    const cache = openServiceCache(config, 'console', logger);
    shutdown.register('cache', () => cache.close());
    const result = await resetAdmin({
      store,
      cache,
      username,
      enable: args.includes('--enable'),
      signIn: { maxFailures: config.signInMaxFailures, lockMs: config.signInLockMs },
    });
    process.stdout.write(resetAdminNotice(result));
    await shutdown.shutdown('password reset');
  },
  {
    service: 'console-reset-admin',
    config: { definition: resetAdminConfig, env: process.env },
    argv: process.argv.slice(2),
    level: (config) => (config.logLevel === 'info' ? 'warn' : config.logLevel),
  },
);
