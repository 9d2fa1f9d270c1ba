import { randomBytes } from 'node:crypto';
import type { UserRepository, ConsoleUserRecord } from '../data-access/user.repository';
import { SignInFailedError, UserExistsError, UserNotFoundError } from './console.errors';
import { decoyHash, type PasswordHasher } from './password.hasher';
import type { Principal } from './roles';
import type { SignInGuard } from './sign-in.guard';
import type { NewUser } from './user.schema';

/** A user as the users page shows it: never the hash. */
export interface UserView {
  username: string;
  role: ConsoleUserRecord['role'];
  tenantId?: string;
  msisdn?: string;
  disabled: boolean;
  createdAt: string;
  createdBy: string;
}

export function userView(user: ConsoleUserRecord): UserView {
  return {
    username: user._id,
    role: user.role,
    ...(user.tenantId === undefined ? {} : { tenantId: user.tenantId }),
    ...(user.msisdn === undefined ? {} : { msisdn: user.msisdn }),
    disabled: user.disabled,
    createdAt: user.createdAt,
    createdBy: user.createdBy,
  };
}

/** 96 random bits, URL-safe: typed once by an operator, then replaced by a named user's own. */
function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}

export function principalOf(user: ConsoleUserRecord): Principal {
  return {
    username: user._id,
    role: user.role,
    ...(user.tenantId === undefined ? {} : { tenantId: user.tenantId }),
    ...(user.msisdn === undefined ? {} : { msisdn: user.msisdn }),
  };
}

export const FIRST_ADMIN = 'admin';

/** Console users: sign-in with lock-out, and what an operator admin does to users. */
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly guard: SignInGuard,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async authenticate(username: string, password: string): Promise<ConsoleUserRecord> {
    await this.guard.assertNotLocked(username);
    const user = await this.users.get(username);
    // Verify against a decoy for unknown users so that timing does not tell which names exist.
    const ok = await this.hasher.verify(user?.passwordHash ?? (await decoyHash(this.hasher)), password);
    if (user === null || !ok || user.disabled) {
      await this.guard.recordFailure(username);
      throw new SignInFailedError();
    }
    await this.guard.clear(username);
    return user;
  }

  /** The user behind a session, if it still may sign in (not disabled, no reset since). */
  async stillValid(username: string, sessionCreatedAt: number): Promise<ConsoleUserRecord | null> {
    const user = await this.users.get(username);
    if (user === null || user.disabled) return null;
    return Date.parse(user.sessionsValidFrom) <= sessionCreatedAt ? user : null;
  }

  async create(input: NewUser, createdBy: string): Promise<UserView> {
    const at = this.now().toISOString();
    const record: ConsoleUserRecord = {
      _id: input.username,
      role: input.role,
      ...(input.role === 'corporate-admin' && input.tenantId !== undefined
        ? { tenantId: input.tenantId }
        : {}),
      ...(input.role === 'end-user' && input.msisdn !== undefined ? { msisdn: input.msisdn } : {}),
      passwordHash: await this.hasher.hash(input.password),
      disabled: false,
      createdAt: at,
      createdBy,
      sessionsValidFrom: at,
    };
    if (!(await this.users.insert(record))) throw new UserExistsError(input.username);
    return userView(record);
  }

  /** On an empty store: the first operator admin with a random password, returned once. */
  async ensureFirstAdmin(): Promise<{ username: string; password: string } | null> {
    if ((await this.users.count()) > 0) return null;
    const password = randomPassword();
    try {
      await this.create({ username: FIRST_ADMIN, password, role: 'operator-admin' }, 'first-start');
    } catch (error) {
      // Another instance starting at the same time made it first.
      if (error instanceof UserExistsError) return null;
      throw error;
    }
    return { username: FIRST_ADMIN, password };
  }

  /**
   * Recovery for an operator locked out (the reset-admin command): a new random password,
   * returned once; sessions end, a lock-out is lifted, and `enable` re-enables the user.
   */
  async resetToRandomPassword(username: string, options: { enable: boolean }): Promise<{ password: string; user: UserView }> {
    const password = randomPassword();
    await this.resetPassword(username, password);
    const user = options.enable ? await this.setDisabled(username, false) : await this.view(username);
    return { password, user };
  }

  private async view(username: string): Promise<UserView> {
    const user = await this.users.get(username);
    if (user === null) throw new UserNotFoundError(username);
    return userView(user);
  }

  async list(): Promise<UserView[]> {
    return (await this.users.list()).map(userView);
  }

  async setDisabled(username: string, disabled: boolean): Promise<UserView> {
    const fields = disabled ? { disabled, sessionsValidFrom: this.now().toISOString() } : { disabled };
    if (!(await this.users.update(username, fields))) throw new UserNotFoundError(username);
    await this.guard.clear(username);
    return userView((await this.users.get(username)) as ConsoleUserRecord);
  }

  /** New password; the user's open sessions end and a lock-out is lifted. */
  async resetPassword(username: string, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    // Sessions opened in the same millisecond as the reset would survive it; one ms later they do not.
    const sessionsValidFrom = new Date(this.now().getTime() + 1).toISOString();
    if (!(await this.users.update(username, { passwordHash, sessionsValidFrom })))
      throw new UserNotFoundError(username);
    await this.guard.clear(username);
  }
}
