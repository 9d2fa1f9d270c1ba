import type { KeyValueStore, DocumentStore } from '@dms/store';
import { UserRepository } from '../../data-access/user.repository';
import { passwordHasher } from '../../domain/password.hasher';
import { SignInGuard } from '../../domain/sign-in.guard';
import { UserService, type UserView } from '../../domain/user.service';

export interface ResetAdminOptions {
  store: DocumentStore;
  cache: KeyValueStore;
  username: string;
  /** Re-enable the user too (an operator admin disabled by mistake). */
  enable: boolean;
  signIn: { maxFailures: number; lockMs: number };
}

/** A new random password for a console user, in the console's own store; returned once. */
export async function resetAdmin(options: ResetAdminOptions): Promise<{ password: string; user: UserView }> {
  const guard = new SignInGuard(options.cache, options.signIn);
  const users = new UserService(new UserRepository(options.store), passwordHasher, guard);
  return users.resetToRandomPassword(options.username.toLowerCase(), { enable: options.enable });
}

/** The block printed once on stdout (never the logger). */
export function resetAdminNotice(result: { password: string; user: UserView }): string {
  const { user } = result;
  return [
    '',
    `  Console user    ${user.username} (${user.role})${user.disabled ? ', DISABLED: run again with --enable to sign in' : ''}`,
    `  New password    ${result.password}`,
    '                  (shown only this once; the user\'s open sessions have ended)',
    '',
  ].join('\n');
}
