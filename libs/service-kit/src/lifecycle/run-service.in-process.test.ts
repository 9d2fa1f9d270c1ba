import { EventEmitter } from 'node:events';
import type { DestinationStream } from 'pino';
import { z } from 'zod';
import { field, secret } from '../config/config-field';
import { defineConfig } from '../config/config-definition';
import { logLevelSchema } from '../config/config.schemas';
import type { ProcessPort } from './process-signals';
import { runService } from './run-service';

class FakeProcess extends EventEmitter implements ProcessPort {
  readonly exits: number[] = [];
  exit(code: number): void {
    this.exits.push(code);
  }
}

const definition = defineConfig({
  port: field({ env: 'PORT', schema: z.coerce.number().int(), default: 8080, doc: 'HTTP port' }),
  logLevel: field({ env: 'DMS_LOG_LEVEL', schema: logLevelSchema, default: 'info', doc: 'Log level' }),
  apiKey: secret({ env: 'DMS_HLR_API_KEY', doc: 'HLR API key' }),
});

function harness(): {
  proc: FakeProcess;
  out: string[];
  err: string[];
  logs: string[];
  sinks: {
    stdout: { write(l: string): void };
    stderr: { write(l: string): void };
    destination: DestinationStream;
  };
} {
  const out: string[] = [];
  const err: string[] = [];
  const logs: string[] = [];
  return {
    proc: new FakeProcess(),
    out,
    err,
    logs,
    sinks: {
      stdout: { write: (line) => void out.push(line) },
      stderr: { write: (line) => void err.push(line) },
      destination: { write: (line: string) => void logs.push(line) },
    },
  };
}

describe('runService in process', () => {
  it('prints every variable for --help and exits 0 without validating the environment', async () => {
    const { proc, out, sinks } = harness();
    const main = jest.fn();

    await runService(main, {
      service: 'hlr-detector',
      config: { definition, env: { PORT: 'x' } },
      argv: ['--help'],
      proc,
      ...sinks,
    });

    expect(main).not.toHaveBeenCalled();
    expect(proc.exits).toEqual([0]);
    expect(out.join('')).toMatch(/^hlr-detector\n\nEnvironment variables:\n {2}PORT\n/);
    expect(out.join('')).toContain('DMS_HLR_API_KEY | DMS_HLR_API_KEY_FILE [required, secret]');
  });

  it('hands main the typed config and a logger at the level the config chose', async () => {
    const { proc, logs, sinks } = harness();
    let seenPort = 0;

    await runService(
      ({ config, logger }) => {
        seenPort = config.port;
        logger.debug('debug is on');
      },
      {
        service: 'hlr-detector',
        config: { definition, env: { PORT: '9000', DMS_LOG_LEVEL: 'debug', DMS_HLR_API_KEY: 'k' } },
        level: (config) => config.logLevel,
        proc,
        ...sinks,
      },
    );

    expect(seenPort).toBe(9000);
    expect(logs.join('')).toContain('debug is on');
    expect(proc.exits).toEqual([]);
  });

  it('takes the shutdown bound from the loaded config when given as a function', async () => {
    const { proc, logs, sinks } = harness();
    const withBound = defineConfig({
      shutdownTimeoutMs: field({ env: 'DMS_SHUTDOWN_TIMEOUT_MS', schema: z.coerce.number().int(), default: 10_000, doc: 'Shutdown bound' }),
    });

    await runService(({ shutdown }) => shutdown.register('noop', async () => undefined), {
      service: 'config',
      config: { definition: withBound, env: { DMS_SHUTDOWN_TIMEOUT_MS: '4321' } },
      shutdownTimeoutMs: (config) => config.shutdownTimeoutMs,
      proc,
      ...sinks,
    });
    proc.emit('SIGTERM');
    await new Promise((done) => setTimeout(done, 50));

    expect(proc.exits).toEqual([0]);
    expect(logs.join('')).toContain('"timeoutMs":4321');
  });

  it('scrubs the secret config values from whatever main logs', async () => {
    const { proc, logs, sinks } = harness();

    await runService(
      ({ config, logger }) => logger.info({ url: `https://hlr/?key=${config.apiKey}` }, 'calling HLR'),
      {
        service: 'hlr-detector',
        config: { definition, env: { DMS_HLR_API_KEY: 'hlr-key-98765' } },
        proc,
        ...sinks,
      },
    );

    expect(logs.join('')).toContain('calling HLR');
    expect(logs.join('')).not.toContain('hlr-key-98765');
  });

  it('runs the hooks main registered before failing, then exits 1', async () => {
    const { proc, err, sinks } = harness();
    const closed = jest.fn();

    await runService(
      ({ shutdown }) => {
        shutdown.register('close store', closed);
        throw new RangeError('bus unreachable');
      },
      { service: 'config', proc, ...sinks },
    );

    expect(closed).toHaveBeenCalledTimes(1);
    expect(err).toEqual(['config: start-up failed: bus unreachable\n']);
    expect(proc.exits).toEqual([1]);
  });
});
