import { OperationalError } from '@dms/service-kit';
import { createEmbeddedStore, createMemoryKeyValueStore } from '@dms/store';
import { UserRepository } from '../../data-access/user.repository';
import { passwordHasher } from '../../domain/password.hasher';
import { SignInGuard } from '../../domain/sign-in.guard';
import { UserService } from '../../domain/user.service';
import { startConsoleProcess, type ConsoleStartUp } from './console.start-up';
import { resetAdmin } from './reset-admin.command';

function parts(overrides: { start?: () => Promise<void>; listen?: ConsoleStartUp['listen'] } = {}) {
  const store = createEmbeddedStore({ file: ':memory:' });
  const cache = createMemoryKeyValueStore();
  const users = new UserService(
    new UserRepository(store),
    passwordHasher,
    new SignInGuard(cache, { maxFailures: 5, lockMs: 60_000 }),
  );
  const printed: string[] = [];
  const steps: ConsoleStartUp = {
    service: {
      start: overrides.start ?? (async () => undefined),
      stop: async () => undefined,
      endStreams: () => undefined,
      ensureFirstAdmin: () => users.ensureFirstAdmin(),
    },
    shutdown: { register: () => undefined },
    listen: overrides.listen ?? (async () => ({ url: 'http://127.0.0.1:1', port: 1, close: async () => undefined })),
    print: (text) => void printed.push(text),
  };
  return { store, cache, users, printed, steps };
}

describe('console start-up order', () => {
  it('creates no first admin when the live feed cannot subscribe (fresh Kafka without the topics)', async () => {
    const { store, users, printed, steps } = parts({
      start: () => Promise.reject(new OperationalError('BUS_SUBSCRIBE_FAILED', 'topic does not exist')),
    });
    await expect(startConsoleProcess(steps)).rejects.toThrow('topic does not exist');
    expect(printed).toEqual([]);
    expect(await users.list()).toEqual([]);
    await store.close();
  });

  it('creates no first admin when the HTTP port cannot be bound', async () => {
    const { store, users, steps } = parts({
      listen: () => Promise.reject(new OperationalError('HTTP_LISTEN_FAILED', 'port in use')),
    });
    await expect(startConsoleProcess(steps)).rejects.toThrow('port in use');
    expect(await users.list()).toEqual([]);
    await store.close();
  });

  it('prints the first admin password on the start that creates it, and on no later start', async () => {
    const { store, users, printed, steps } = parts();
    await startConsoleProcess(steps);
    expect(printed).toHaveLength(1);
    const password = /password (\S+)/.exec(printed[0]!)![1]!;
    expect((await users.authenticate('admin', password))._id).toBe('admin');
    await startConsoleProcess(steps);
    expect(printed).toHaveLength(1);
    await store.close();
  });
});

describe('reset-admin', () => {
  it('sets a new random password that signs in, ends the old one, and enables the user when asked', async () => {
    const { store, cache, users } = parts();
    const first = (await users.ensureFirstAdmin())!;
    await users.setDisabled('admin', true);
    const signIn = { maxFailures: 5, lockMs: 60_000 };
    const kept = await resetAdmin({ store, cache, username: 'Admin', enable: false, signIn });
    expect(kept.user).toMatchObject({ username: 'admin', role: 'operator-admin', disabled: true });
    const reset = await resetAdmin({ store, cache, username: 'admin', enable: true, signIn });
    expect(reset.user.disabled).toBe(false);
    expect(reset.password).not.toBe(kept.password);
    await expect(users.authenticate('admin', first.password)).rejects.toThrow();
    expect((await users.authenticate('admin', reset.password))._id).toBe('admin');
    await store.close();
  });

  it('refuses an unknown user name', async () => {
    const { store, cache } = parts();
    await expect(
      resetAdmin({ store, cache, username: 'nobody', enable: false, signIn: { maxFailures: 5, lockMs: 1 } }),
    ).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
    await store.close();
  });
});
