import { readFileSync } from 'node:fs';
import type { Logger } from '@dms/service-kit';
import type { ProfileRepository } from '../data-access/profile.repository';
import { ProfileExistsError, ProfileNotFoundError, ProfileVersionConflictError, SampleProfileError } from './config.errors';
import { carryPassword, NewProfile, type ProfileBody, type SettingsProfile } from './profile.model';

/** Settings profiles: created once (version 1), then changed only by writing a new version. */
export class ProfileService {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly logger: Logger,
  ) {}

  async create(input: NewProfile): Promise<SettingsProfile> {
    const { id, ...body } = input;
    if ((await this.profiles.latest(id)) !== undefined) throw new ProfileExistsError(id);
    const profile: SettingsProfile = { ...body, id, version: 1, createdAt: new Date().toISOString() };
    await this.profiles.append(profile);
    this.logger.info({ profileId: id, version: 1 }, 'settings profile created');
    return profile;
  }

  async newVersion(id: string, body: ProfileBody): Promise<SettingsProfile> {
    const previous = await this.profiles.latest(id);
    if (previous === undefined) throw new ProfileNotFoundError(id);
    const profile: SettingsProfile = {
      ...carryPassword(body, previous),
      id,
      version: previous.version + 1,
      createdAt: new Date().toISOString(),
    };
    await this.profiles.append(profile);
    this.logger.info({ profileId: id, version: profile.version }, 'settings profile version written');
    return profile;
  }

  async get(id: string, version?: number): Promise<SettingsProfile> {
    const profile = version === undefined ? await this.profiles.latest(id) : await this.profiles.version(id, version);
    if (profile === undefined) throw new ProfileNotFoundError(id, version);
    return profile;
  }

  find(id: string): Promise<SettingsProfile | undefined> {
    return this.profiles.latest(id);
  }

  list(): Promise<SettingsProfile[]> {
    return this.profiles.list();
  }

  /** First start: the operator's sample profile when the store holds none (embedded mode works out of the box). */
  async loadSampleIfEmpty(file: string | undefined): Promise<void> {
    if (file === undefined || file === '' || (await this.profiles.count()) > 0) return;
    let input: NewProfile;
    try {
      input = NewProfile.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch (cause) {
      throw new SampleProfileError(file, cause);
    }
    try {
      await this.create(input);
    } catch (err) {
      // Another instance loaded it at the same moment.
      if (!(err instanceof ProfileExistsError) && !(err instanceof ProfileVersionConflictError)) throw err;
    }
  }
}
