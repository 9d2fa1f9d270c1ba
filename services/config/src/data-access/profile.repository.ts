import type { DocumentCollection, DocumentStore } from '@dms/store';
import { ProfileVersionConflictError } from '../domain/config.errors';
import type { SettingsProfile } from '../domain/profile.model';

type StoredVersion = SettingsProfile & { _id: string };
type Head = { _id: string; version: number; name: string; updatedAt: string };

/**
 * Profiles as immutable versions (`config_profile_versions`, id `<profile>@<n>`) and a head
 * per profile (`config_profiles`) naming the newest. A version is inserted before the head
 * moves, so a crash in between leaves the head on a complete older version; the insert
 * refusing a duplicate id is what stops two writers making the same version.
 */
export class ProfileRepository {
  private readonly versions: DocumentCollection<StoredVersion>;
  private readonly heads: DocumentCollection<Head>;

  constructor(store: DocumentStore) {
    this.versions = store.collection<StoredVersion>('config_profile_versions');
    this.heads = store.collection<Head>('config_profiles');
  }

  async ensureIndexes(): Promise<void> {
    await this.versions.ensureIndex({ fields: { id: 1, version: -1 }, name: 'by_profile' });
  }

  async latest(id: string): Promise<SettingsProfile | undefined> {
    const head = await this.heads.get(id);
    if (head === null) return undefined;
    return this.version(id, head.version);
  }

  async version(id: string, version: number): Promise<SettingsProfile | undefined> {
    const doc = await this.versions.get(`${id}@${version}`);
    if (doc === null) return undefined;
    const { _id, ...profile } = doc;
    return profile;
  }

  async list(): Promise<SettingsProfile[]> {
    const heads = await this.heads.find({}, { limit: 1000 });
    const out: SettingsProfile[] = [];
    for (const head of heads) {
      const profile = await this.version(head._id, head.version);
      if (profile !== undefined) out.push(profile);
    }
    return out;
  }

  async count(): Promise<number> {
    return this.heads.count();
  }

  /** Writes `profile` as its version; throws ProfileVersionConflictError when that version exists. */
  async append(profile: SettingsProfile): Promise<void> {
    const inserted = await this.versions.insert({ ...profile, _id: `${profile.id}@${profile.version}` });
    if (!inserted) throw new ProfileVersionConflictError(profile.id, profile.version);
    await this.heads.put({ _id: profile.id, version: profile.version, name: profile.name, updatedAt: profile.createdAt });
  }
}
