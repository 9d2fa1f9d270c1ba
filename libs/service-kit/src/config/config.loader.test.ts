import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, ConfigDefinitionError } from '../errors/config.error';
import { UserError } from '../errors/dms.error';
import { field, secret } from './config-field';
import { defineConfig } from './config-definition';
import { loadConfig, secretValues } from './config.loader';
import { hostPortListSchema, portSchema } from './config.schemas';

const definition = defineConfig({
  port: field({
    env: 'PORT',
    schema: z.coerce.number().int().min(0).max(65535),
    default: 8080,
    doc: 'HTTP port',
  }),
  brokers: field({ env: 'DMS_KAFKA_BROKERS', schema: hostPortListSchema, doc: 'Kafka bootstrap brokers' }),
  region: field({ env: 'DMS_REGION', schema: z.string(), optional: true, doc: 'Operator region' }),
  adminToken: secret({ env: 'DMS_ADMIN_TOKEN', doc: 'Console admin token', optional: true }),
});

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new ConfigDefinitionError('expected a ConfigError, nothing was thrown');
}

describe('loadConfig', () => {
  it('returns typed values parsed from the environment', () => {
    const config = loadConfig(definition, {
      PORT: '9000',
      DMS_KAFKA_BROKERS: 'k1:9092, k2:9093',
      DMS_REGION: 'eu',
    });

    expect(config).toEqual({
      port: 9000,
      brokers: ['k1:9092', 'k2:9093'],
      region: 'eu',
      adminToken: undefined,
    });
    // Compile-time checks: defaults and required fields are never undefined, optional ones may be.
    const port: number = config.port;
    const brokers: string[] = config.brokers;
    const region: string | undefined = config.region;
    const token: string | undefined = config.adminToken;
    // @ts-expect-error an optional field is not a plain string
    const notPlain: string = config.region;
    expect([port, brokers.length, region, token, notPlain]).toEqual([9000, 2, 'eu', undefined, 'eu']);
  });

  it('uses defaults for unset and empty variables', () => {
    const config = loadConfig(definition, { PORT: '', DMS_KAFKA_BROKERS: 'k:1' });

    expect(config.port).toBe(8080);
    expect(config.region).toBeUndefined();
  });

  it('names the bad variable, the expected format and the value in one line', () => {
    const error = configError(() => loadConfig(definition, { DMS_KAFKA_BROKERS: 'foo' }));

    expect(error).toBeInstanceOf(UserError);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe('DMS_KAFKA_BROKERS: expected host:port[,host:port...], got "foo"');
  });

  it('reports every bad variable at once, missing ones included', () => {
    const error = configError(() => loadConfig(definition, { PORT: '70000\nx' }));

    expect(error.issues.map((issue) => issue.env)).toEqual(['PORT', 'DMS_KAFKA_BROKERS']);
    expect(error.message).not.toContain('\n');
    expect(error.message).toMatch(
      /^PORT: expected .*, got "70000\\nx"; DMS_KAFKA_BROKERS: expected .*not set$/,
    );
  });

  it('turns a zod message into an expectation when the field gives no wording', () => {
    const error = configError(() => loadConfig(definition, { PORT: 'abc', DMS_KAFKA_BROKERS: 'k:1' }));

    expect(error.message).toBe('PORT: expected number, got "abc"');
  });

  it('uses the schema wording of the shared port schema', () => {
    const own = defineConfig({ port: field({ env: 'P', schema: portSchema, default: 1, doc: 'port' }) });

    expect(configError(() => loadConfig(own, { P: '65536' })).message).toBe(
      'P: expected a TCP port 0..65535, got "65536"',
    );
  });

  it('reads a secret from the file named by <ENV>_FILE, trimmed', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dms-config-')), 'token');
    writeFileSync(file, 's3cr3t-token\n');

    const config = loadConfig(definition, { DMS_KAFKA_BROKERS: 'k:1', DMS_ADMIN_TOKEN_FILE: file });

    expect(config.adminToken).toBe('s3cr3t-token');
    expect(secretValues(definition, config)).toEqual(['s3cr3t-token']);
  });

  it('refuses a secret given both directly and as a file', () => {
    const error = configError(() =>
      loadConfig(definition, { DMS_KAFKA_BROKERS: 'k:1', DMS_ADMIN_TOKEN: 'a', DMS_ADMIN_TOKEN_FILE: '/x' }),
    );

    expect(error.message).toBe(
      'DMS_ADMIN_TOKEN: set either DMS_ADMIN_TOKEN or DMS_ADMIN_TOKEN_FILE, not both',
    );
  });

  it('names the _FILE variable when the secret file cannot be read', () => {
    const error = configError(() =>
      loadConfig(definition, { DMS_KAFKA_BROKERS: 'k:1', DMS_ADMIN_TOKEN_FILE: '/nonexistent/dms-token' }),
    );

    expect(error.message).toBe(
      'DMS_ADMIN_TOKEN_FILE: expected a readable file, cannot read "/nonexistent/dms-token" (ENOENT)',
    );
  });

  it('never echoes an invalid secret value', () => {
    const pin = defineConfig({
      pin: secret({ env: 'PIN', schema: z.string().regex(/^\d{4}$/), doc: 'SIM PIN' }),
    });

    const error = configError(() => loadConfig(pin, { PIN: 'hunter2-leaked' }));

    expect(error.message).not.toContain('hunter2');
    expect(error.message).toMatch(/^PIN: expected .*, got a value that is not shown \(secret\)$/);
  });

  it('says both variables when a required secret is missing', () => {
    const required = defineConfig({ key: secret({ env: 'DMS_KEY', doc: 'signing key' }) });

    expect(configError(() => loadConfig(required, {})).message).toBe(
      'DMS_KEY: expected a non-empty value in DMS_KEY or a file path in DMS_KEY_FILE, but neither is set',
    );
  });
});

describe('defineConfig', () => {
  it('refuses two fields reading the same variable', () => {
    expect(() =>
      defineConfig({
        a: field({ env: 'X', schema: z.string(), doc: 'a' }),
        b: field({ env: 'X', schema: z.string(), doc: 'b' }),
      }),
    ).toThrow(ConfigDefinitionError);
  });
});
