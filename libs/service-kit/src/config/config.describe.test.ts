import { z } from 'zod';
import { field, secret } from './config-field';
import { defineConfig } from './config-definition';
import { describeConfig, formatConfigHelp } from './config.describe';
import { hostPortListSchema } from './config.schemas';

const definition = defineConfig({
  port: field({ env: 'PORT', schema: z.coerce.number(), default: 8080, doc: 'HTTP port' }),
  brokers: field({
    env: 'DMS_KAFKA_BROKERS',
    schema: hostPortListSchema,
    default: ['localhost:9092'],
    doc: 'Kafka brokers',
    expected: 'host:port[,host:port...]',
  }),
  mongoUrl: field({ env: 'DMS_MONGO_URL', schema: z.string(), doc: 'MongoDB URL' }),
  adminToken: secret({ env: 'DMS_ADMIN_TOKEN', doc: 'Console admin token', optional: true }),
});

describe('describeConfig', () => {
  it('documents every variable with its default, requiredness and doc line', () => {
    expect(describeConfig(definition)).toEqual([
      {
        key: 'port',
        env: 'PORT',
        fileEnv: undefined,
        default: '8080',
        required: false,
        secret: false,
        doc: 'HTTP port',
        expected: undefined,
      },
      {
        key: 'brokers',
        env: 'DMS_KAFKA_BROKERS',
        fileEnv: undefined,
        default: 'localhost:9092',
        required: false,
        secret: false,
        doc: 'Kafka brokers',
        expected: 'host:port[,host:port...]',
      },
      {
        key: 'mongoUrl',
        env: 'DMS_MONGO_URL',
        fileEnv: undefined,
        default: undefined,
        required: true,
        secret: false,
        doc: 'MongoDB URL',
        expected: undefined,
      },
      {
        key: 'adminToken',
        env: 'DMS_ADMIN_TOKEN',
        fileEnv: 'DMS_ADMIN_TOKEN_FILE',
        default: undefined,
        required: false,
        secret: true,
        doc: 'Console admin token',
        expected: 'a non-empty value',
      },
    ]);
  });

  it('renders a help text naming each variable and its _FILE alternative', () => {
    const help = formatConfigHelp(definition);

    expect(help).toContain('  PORT\n      HTTP port (default: 8080)');
    expect(help).toContain('  DMS_MONGO_URL [required]\n      MongoDB URL');
    expect(help).toContain('  DMS_ADMIN_TOKEN | DMS_ADMIN_TOKEN_FILE [secret]\n      Console admin token');
  });
});
