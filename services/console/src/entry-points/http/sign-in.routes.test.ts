import { PASSWORD, startConsoleHarness, type ConsoleHarness } from '../../test-support/console.harness';

jest.setTimeout(60_000);

const SESSION = '/api/v1/console/session';

describe('sign-in, sign-out and lock-out', () => {
  let h: ConsoleHarness;
  beforeEach(async () => {
    h = await startConsoleHarness({ signInMaxFailures: 3 });
  });
  afterEach(() => h.close());

  it('sets an HttpOnly, SameSite=Strict, expiring cookie that the API accepts', async () => {
    const response = await fetch(`${h.url}${SESSION}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'carl', password: PASSWORD }),
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(response.status).toBe(201);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Max-Age=\d+/i);
    const me = await fetch(`${h.url}/api/v1/console/me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(await me.json()).toEqual({ user: { username: 'carl', role: 'customer-care' } });
  });

  it('ends the session on sign-out', async () => {
    const token = await h.signIn('customer-care');
    expect((await h.call('DELETE', SESSION, token)).status).toBe(204);
    expect((await h.call('GET', '/api/v1/console/me', token)).status).toBe(401);
  });

  it('answers a wrong password and an unknown user alike, 401 problem+json', async () => {
    const wrong = await h.call('POST', SESSION, undefined, { username: 'carl', password: 'wrong password' });
    const unknown = await h.call('POST', SESSION, undefined, {
      username: 'nobody',
      password: 'wrong password',
    });
    for (const answer of [wrong, unknown]) {
      expect(answer.status).toBe(401);
      expect(answer.type).toContain('application/problem+json');
      expect(answer.body.code).toBe('SIGN_IN_FAILED');
    }
  });

  it('refuses a malformed sign-in with 400 problem+json saying what to fix', async () => {
    const answer = await h.call('POST', SESSION, undefined, { username: 'carl' });
    expect(answer.status).toBe(400);
    expect(answer.type).toContain('application/problem+json');
    expect(answer.body.detail).toContain('password');
  });

  it('locks a user name after repeated failures, even against the right password, until an admin resets it', async () => {
    for (let i = 0; i < 3; i++)
      expect(
        (await h.call('POST', SESSION, undefined, { username: 'carl', password: 'guess' + i })).status,
      ).toBe(401);
    const locked = await h.call('POST', SESSION, undefined, { username: 'carl', password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('SIGN_IN_LOCKED');

    const admin = await h.signIn('operator-admin');
    const newPassword = 'a brand new password';
    expect(
      (await h.call('POST', '/api/v1/console/users/carl/password', admin, { password: newPassword })).status,
    ).toBe(204);
    expect(
      (await h.call('POST', SESSION, undefined, { username: 'carl', password: newPassword })).status,
    ).toBe(201);
  });

  it('ends the sessions of a user who is disabled or whose password is reset', async () => {
    const admin = await h.signIn('operator-admin');
    const carl = await h.signIn('customer-care');
    const eddie = await h.signIn('end-user');
    await h.call('POST', '/api/v1/console/users/carl/disable', admin);
    await h.call('POST', '/api/v1/console/users/eddie/password', admin, {
      password: 'another long password',
    });

    expect((await h.call('GET', '/api/v1/console/me', carl)).status).toBe(401);
    expect((await h.call('GET', '/api/v1/console/me', eddie)).status).toBe(401);
    expect((await h.call('POST', SESSION, undefined, { username: 'carl', password: PASSWORD })).status).toBe(
      401,
    );
  });

  it('refuses a corporate admin without tenant and a short password when creating users (400)', async () => {
    const admin = await h.signIn('operator-admin');
    const noTenant = await h.call('POST', '/api/v1/console/users', admin, {
      username: 'x1',
      role: 'corporate-admin',
      password: PASSWORD,
    });
    const short = await h.call('POST', '/api/v1/console/users', admin, {
      username: 'x2',
      role: 'customer-care',
      password: 'short',
    });
    expect([noTenant.status, short.status]).toEqual([400, 400]);
    expect(noTenant.body.detail).toContain('tenantId');
    expect(
      (await h.call('GET', '/api/v1/console/users', admin)).body.items.map(
        (u: { username: string }) => u.username,
      ),
    ).not.toContain('x1');
  });
});
