import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NewProfile, type SettingsProfile } from '../domain/profile.model';

export const SAMPLE_PROFILE_FILE = join(__dirname, '../../operator-profile.sample.json');

/** The shipped sample profile as version 1, with an Internet password so secrets are exercised. */
export function sampleProfile(overrides: Partial<SettingsProfile> = {}): SettingsProfile {
  const parsed = NewProfile.parse(JSON.parse(readFileSync(SAMPLE_PROFILE_FILE, 'utf8')));
  return {
    ...parsed,
    internet: { ...parsed.internet!, password: 's3cret-pw' },
    version: 1,
    createdAt: '2026-11-28T00:00:00.000Z',
    ...overrides,
  };
}
