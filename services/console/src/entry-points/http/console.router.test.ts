import { PUBLIC, routePolicy } from '../../domain/access.policy';
import { ROLES, type Role } from '../../domain/roles';
import { LINES, startConsoleHarness, type ConsoleHarness } from '../../test-support/console.harness';
import { consoleApi } from './console.router';
import { AUTHORIZE_MARK } from './secured.router';

jest.setTimeout(60_000);

interface Layer {
  route?: { path: string; methods: Record<string, boolean>; stack: { handle: Record<symbol, unknown> }[] };
}

/** Every route the console API registers, as `<METHOD> <path>`, with its authorising middleware's key. */
function registeredRoutes(): { key: string; marked: unknown }[] {
  const router = consoleApi({} as never).router as unknown as { stack: Layer[] };
  return router.stack
    .filter((layer) => layer.route !== undefined)
    .flatMap((layer) =>
      Object.keys(layer.route!.methods).map((method) => ({
        key: `${method.toUpperCase()} ${layer.route!.path}`,
        marked: layer.route!.stack.map((s) => s.handle[AUTHORIZE_MARK]).find((m) => m !== undefined),
      })),
    );
}

const SAMPLE: Record<string, string> = {
  ':msisdn': LINES.consumer.msisdn,
  ':imei': LINES.consumer.imei,
  ':category': 'read-diagnostics',
  ':username': 'nobody-here',
};
const concrete = (path: string): string => path.replace(/:[a-z]+/g, (p) => SAMPLE[p] ?? p);

/** The status of one call as `role`; the live stream is aborted once its headers arrived. */
async function statusAs(h: ConsoleHarness, role: Role, key: string): Promise<number> {
  const token = await h.signIn(role);
  const [method, path] = key.split(' ') as [string, string];
  const body = method === 'PUT' ? { decision: 'grant' } : method === 'POST' ? {} : undefined;
  const abort = new AbortController();
  const response = await fetch(`${h.url}${concrete(path)}`, {
    method,
    signal: abort.signal,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  abort.abort();
  return response.status;
}

describe('console API access policy, route by route', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsoleHarness();
  });
  afterAll(() => h.close());

  it('registers no route without a policy entry, every route carries the role check, and every policy entry is a route', () => {
    const routes = registeredRoutes();
    expect(routes.length).toBeGreaterThan(10);
    for (const { key, marked } of routes) {
      expect(routePolicy[key]).toBeDefined();
      expect(marked).toBe(key);
    }
    expect(routes.map((r) => r.key).sort()).toEqual(Object.keys(routePolicy).sort());
  });

  const protectedRoutes = Object.entries(routePolicy).filter(([, rule]) => rule !== PUBLIC);

  it.each(protectedRoutes.map(([key]) => key))(
    '%s refuses a caller without a session, or with a wrong token, with 401 problem+json',
    async (key) => {
      const [method, path] = key.split(' ') as [string, string];
      for (const token of [undefined, 'not-a-session-token-at-all-0123456789']) {
        const answer = await h.call(method, concrete(path), token);
        expect(answer.status).toBe(401);
        expect(answer.type).toContain('application/problem+json');
        expect(answer.body.code).toBe('NOT_SIGNED_IN');
      }
    },
  );

  it.each(
    protectedRoutes.flatMap(([key, rule]) =>
      ROLES.map((role) => [key, role, (rule as readonly Role[]).includes(role)] as const),
    ),
  )('%s as %s: allowed=%s', async (key, role, allowed) => {
    const status = await statusAs(h, role, key);
    if (allowed) expect([401, 403]).not.toContain(status);
    else expect(status).toBe(403);
  });
});

describe('console UI files', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsoleHarness();
  });
  afterAll(() => h.close());

  it('serves the page at /, its modules under /console/ and chart.js from the package, with a strict CSP', async () => {
    const index = await fetch(`${h.url}/`);
    const app = await fetch(`${h.url}/console/app.js`);
    const chart = await fetch(`${h.url}/console/vendor/chart.umd.min.js`);
    expect([index.status, app.status, chart.status]).toEqual([200, 200, 200]);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(app.headers.get('content-type')).toContain('javascript');
    expect(await chart.text()).toContain('Chart');
    expect((await fetch(`${h.url}/console/../package.json`)).status).not.toBe(200);
  });
});
