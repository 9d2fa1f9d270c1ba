import type { DocumentCollection, DocumentStore } from '@dms/store';
import type { Role } from '../domain/roles';

export interface ConsoleUserRecord {
  /** The user name (lower case). */
  _id: string;
  role: Role;
  tenantId?: string;
  msisdn?: string;
  /** argon2id PHC string; the password itself is never stored. */
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  createdBy: string;
  /** Sessions made before this moment are refused (reset, disable). */
  sessionsValidFrom: string;
}

/** Console users in the console's own store (Mongo database `console`, or console.sqlite). */
export class UserRepository {
  private readonly users: DocumentCollection<ConsoleUserRecord>;

  constructor(store: DocumentStore) {
    this.users = store.collection<ConsoleUserRecord>('console_users');
  }

  get(username: string): Promise<ConsoleUserRecord | null> {
    return this.users.get(username);
  }

  insert(user: ConsoleUserRecord): Promise<boolean> {
    return this.users.insert(user);
  }

  async update(username: string, fields: Partial<Omit<ConsoleUserRecord, '_id'>>): Promise<boolean> {
    return this.users.update(username, { $set: fields });
  }

  list(): Promise<ConsoleUserRecord[]> {
    return this.users.find({}, { limit: 1000 });
  }

  count(): Promise<number> {
    return this.users.count();
  }
}
