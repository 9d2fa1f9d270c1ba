import { loadConfig } from '@dms/service-kit';
import { configServiceConfig, SAMPLE_PROFILE_FILE } from './config';

const base = { DMS_ADMIN_TOKEN: 'token' };

describe('config of config', () => {
  it('loads the shipped sample profile when DMS_CONFIG_SAMPLE_PROFILE is unset or empty', () => {
    expect(loadConfig(configServiceConfig, base).sampleProfileFile).toBe(SAMPLE_PROFILE_FILE);
    expect(loadConfig(configServiceConfig, { ...base, DMS_CONFIG_SAMPLE_PROFILE: '' }).sampleProfileFile).toBe(
      SAMPLE_PROFILE_FILE,
    );
  });

  it('loads no sample profile given none, and the named file otherwise', () => {
    expect(
      loadConfig(configServiceConfig, { ...base, DMS_CONFIG_SAMPLE_PROFILE: 'none' }).sampleProfileFile,
    ).toBeUndefined();
    expect(
      loadConfig(configServiceConfig, { ...base, DMS_CONFIG_SAMPLE_PROFILE: '/etc/dms/profile.json' })
        .sampleProfileFile,
    ).toBe('/etc/dms/profile.json');
  });

});
