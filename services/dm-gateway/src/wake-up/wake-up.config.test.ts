import { ConfigError, defineConfig, loadConfig } from '@dms/service-kit';
import { smscOptionsFromConfig, wakeUpConfigFields } from './wake-up.config';

const definition = defineConfig(wakeUpConfigFields);

describe('wake-up config', () => {
  it('leaves wake-up off when no SMSC host is set', () => {
    expect(smscOptionsFromConfig(loadConfig(definition, {}))).toBeUndefined();
  });

  it('turns the environment into SMSC options, with the config names a refused bind points at', () => {
    const config = loadConfig(definition, {
      DMS_SMSC_HOST: 'smsc.example.net',
      DMS_SMSC_PORT: '2776',
      DMS_SMSC_SYSTEM_ID: 'dmsgw',
      DMS_SMSC_PASSWORD: 's3cret',
      DMS_SMSC_SOURCE_ADDRESS: '4900',
      DMS_SMSC_SOURCE_TON: '3',
      DMS_SMSC_SOURCE_NPI: '0',
      DMS_SMSC_REGISTERED_DELIVERY: 'true',
      DMS_SMSC_RATE_PER_SECOND: '25',
    });
    expect(config).toMatchObject({ smscRateLimit: 25, smscMaxAttempts: 4 });
    expect(smscOptionsFromConfig(config)).toEqual({
      host: 'smsc.example.net',
      port: 2776,
      systemId: 'dmsgw',
      password: 's3cret',
      systemType: '',
      sourceAddress: '4900',
      sourceAddressKind: { ton: 3, npi: 0 },
      destinationAddressKind: { ton: 1, npi: 1 },
      registeredDelivery: true,
      enquireLinkIntervalMs: 30_000,
      responseTimeoutMs: 10_000,
      settingNames: { systemId: 'DMS_SMSC_SYSTEM_ID', password: 'DMS_SMSC_PASSWORD' },
    });
  });

  it('refuses a password longer than SMPP allows without echoing it', () => {
    const load = () =>
      loadConfig(definition, { DMS_SMSC_HOST: 'h', DMS_SMSC_PASSWORD: 'much-too-long-password' });
    expect(load).toThrow(ConfigError);
    expect(load).not.toThrow(/much-too-long-password/);
  });
});
