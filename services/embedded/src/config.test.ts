import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeConfig, loadConfig } from '@dms/service-kit';
import { embeddedConfig } from './config';

describe('embedded config', () => {
  it('starts with no variable at all (a newcomer sets nothing)', () => {
    const config = loadConfig(embeddedConfig, {});
    expect(config).toMatchObject({ port: 8080, dataDir: './data', adminToken: undefined, dmPath: '/dm' });
  });

  it('is documented variable by variable in the README', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    for (const row of describeConfig(embeddedConfig))
      expect(readme).toMatch(new RegExp(`\\| \`${row.env}\` +\\|`));
  });

  it('asks for no address of Kafka, NATS, MongoDB or Redis', () => {
    const names = describeConfig(embeddedConfig).map((row) => row.env);
    expect(names).not.toEqual(expect.arrayContaining([expect.stringMatching(/KAFKA|NATS|MONGO|REDIS/)]));
  });
});
