import type { DocumentCollection, DocumentStore } from '@dms/store';
import { derivedAccount, type DerivationSettings, type DmAccount, type DmAuthType } from '../domain/dm-account';

interface DmAccountDocument {
  _id: string;
  username: string;
  userHash: string;
  authType: DmAuthType;
  serverId: string;
  serverPassword: string;
  createdAt: string;
}

/** DM accounts per device (collection `dm_accounts`), with derived accounts as the fallback. */
export class DmAccountRepository {
  private readonly collection: DocumentCollection<DmAccountDocument>;

  constructor(
    store: DocumentStore,
    private readonly derivation: DerivationSettings | undefined,
  ) {
    this.collection = store.collection<DmAccountDocument>('dm_accounts');
  }

  async find(deviceId: string): Promise<DmAccount | undefined> {
    const doc = await this.collection.get(deviceId);
    if (doc !== null) {
      const { _id, createdAt: _created, ...rest } = doc;
      return { deviceId: _id, ...rest, source: 'stored' };
    }
    return this.derivation === undefined ? undefined : derivedAccount(deviceId, this.derivation);
  }

  async save(account: Omit<DmAccount, 'source'>): Promise<void> {
    const { deviceId, ...rest } = account;
    await this.collection.put({ _id: deviceId, ...rest, createdAt: new Date().toISOString() });
  }

  delete(deviceId: string): Promise<boolean> {
    return this.collection.delete(deviceId);
  }
}
