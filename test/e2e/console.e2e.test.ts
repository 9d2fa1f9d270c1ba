/**
 * The operator console in a real browser: Debian's Chromium (deploy/local/chromium.sh),
 * headless, driven by playwright-core, against the embedded process spawned as `pnpm start`
 * runs it. Subscribers come from HLR observations posted to the REST API; their corporate
 * tenant is set as a subscriber attribute (DMS_CONSOLE_TENANT_ATTRIBUTE=company) through
 * subscriber-terminal's attribute route. Each role signs in; the live dashboard updates as
 * observations arrive; a lookup shows the handset; an agent action lands in the audit log; a
 * corporate admin cannot see another company's subscriber (UI, API with its cookie, API with
 * its bearer token), nor its live events; an end user sees only their own line.
 * Screenshots go to <tmpdir>/dms-console-screenshots/, or with DMS_UPDATE_SCREENSHOTS=1 to
 * docs/screenshots/ (committed, shown in README.md and services/console/README.md), so that
 * a test run leaves the working tree as it was.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  launchChromium,
  type Browser,
  type Page,
} from '../../services/console/src/test-support/headless-chromium';
import {
  embeddedEnv,
  REPO_ROOT,
  sleep,
  spawnEmbedded,
  type EmbeddedProcess,
} from '../../services/embedded/src/test-support/embedded-process.harness';

jest.setTimeout(240_000);

const SHOTS =
  process.env.DMS_UPDATE_SCREENSHOTS === '1'
    ? join(REPO_ROOT, 'docs', 'screenshots')
    : join(tmpdir(), 'dms-console-screenshots');
const PASSWORD = 'e2e password long enough';
const LINES = {
  acme: { msisdn: '491710000001', imei: '490154203237518', company: 'acme' },
  globex: { msisdn: '491710000002', imei: '356938035643809', company: 'globex' },
  consumer: { msisdn: '491710000003', imei: '352099001761481', company: undefined },
} as const;
const NEW_ACME_HANDSET = '351756051523993';
const NEW_GLOBEX_HANDSET = '860013030001244';

interface Running {
  proc: EmbeddedProcess;
  url: string;
  adminToken: string;
  firstAdmin: { username: string; password: string };
}

/** The embedded process on port 0 with the tenant attribute set; ready once /readyz is 200. */
async function startConsoleSystem(dataDir: string): Promise<Running> {
  const proc = spawnEmbedded(
    [],
    embeddedEnv({
      DMS_DATA_DIR: dataDir,
      PORT: '0',
      DMS_HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DMS_CONSOLE_TENANT_ATTRIBUTE: 'company',
    }),
  );
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const banner = /Console\s+(http:\/\/\S+)\/\s/.exec(proc.stdout());
    const admin = /First admin\s+user (\S+), password (\S+)/.exec(proc.stdout());
    if (banner?.[1] && admin?.[1] && admin[2]) {
      const url = banner[1];
      if (
        (await fetch(`${url}/readyz`).then(
          (r) => r.status,
          () => 0,
        )) === 200
      )
        return {
          proc,
          url,
          adminToken: readFileSync(join(dataDir, 'secrets', 'admin-token'), 'utf8').trim(),
          firstAdmin: { username: admin[1], password: admin[2] },
        };
    }
    await sleep(200);
  }
  proc.child.kill('SIGKILL');
  throw new TypeError(`embedded process not ready: ${proc.stdout()}${proc.stderr()}`);
}

async function json(
  url: string,
  method: string,
  token: string | undefined,
  body?: unknown,
): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

describe('operator console in Chromium against the embedded system', () => {
  let dataDir: string;
  let sys: Running;
  let browser: Browser;
  const observe = (msisdn: string, imei: string) =>
    json(`${sys.url}/api/v1/hlr/observations`, 'POST', sys.adminToken, {
      msisdn,
      imsi: '262011234567890',
      imei,
      observedAt: new Date().toISOString(),
      source: 'console-e2e',
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'console-e2e-'));
    mkdirSync(SHOTS, { recursive: true });
    sys = await startConsoleSystem(dataDir);
    browser = await launchChromium();
    // Users of every role, created by the first admin through the console API.
    const admin = await json(`${sys.url}/api/v1/console/session`, 'POST', undefined, sys.firstAdmin);
    const token = admin.body['token'] as string;
    for (const user of [
      { username: 'carl', role: 'customer-care' },
      { username: 'cora', role: 'corporate-admin', tenantId: 'acme' },
      { username: 'greta', role: 'corporate-admin', tenantId: 'globex' },
      { username: 'eddie', role: 'end-user', msisdn: LINES.consumer.msisdn },
    ])
      expect(
        (await json(`${sys.url}/api/v1/console/users`, 'POST', token, { ...user, password: PASSWORD }))
          .status,
      ).toBe(201);
    // Subscribers from HLR observations, then their company as an attribute.
    for (const line of Object.values(LINES)) expect((await observe(line.msisdn, line.imei)).status).toBe(202);
    for (const line of Object.values(LINES)) {
      for (let i = 0; ; i++) {
        const found = await json(`${sys.url}/api/v1/subscribers/${line.msisdn}`, 'GET', sys.adminToken);
        if (found.status === 200) break;
        if (i > 100) throw new TypeError(`subscriber ${line.msisdn} never appeared`);
        await sleep(100);
      }
      if (line.company !== undefined)
        expect(
          (
            await json(`${sys.url}/api/v1/subscribers/${line.msisdn}/attributes`, 'PATCH', sys.adminToken, {
              company: line.company,
            })
          ).status,
        ).toBe(200);
    }
  });

  afterAll(async () => {
    await browser?.close();
    if (sys) {
      sys.proc.child.kill('SIGTERM');
      await sys.proc.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signIn(username: string, password: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(sys.url);
    await page.fill('#sign-in-form input[name=username]', username);
    await page.fill('#sign-in-form input[name=password]', password);
    await page.click('#sign-in-form button[type=submit]');
    await page.locator('#who').filter({ hasText: username }).waitFor();
    return page;
  }

  const liveText = (page: Page) => page.locator('#live-events').innerText();

  it('shows a wrong password as a readable error and signs nobody in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(sys.url);
    await page.fill('#sign-in-form input[name=username]', 'carl');
    await page.fill('#sign-in-form input[name=password]', 'not the password');
    await page.click('#sign-in-form button[type=submit]');
    await page.locator('#sign-in-message').filter({ hasText: 'Wrong user name or password' }).waitFor();
    expect(await page.locator('#topbar').isHidden()).toBe(true);
    await context.close();
  });

  it('signs in an operator admin whose live dashboard updates as observations arrive', async () => {
    const page = await signIn(sys.firstAdmin.username, sys.firstAdmin.password);
    await page.locator('#live-status').filter({ hasText: 'live' }).waitFor();
    await page.locator('#chart-detections').waitFor();
    expect(await liveText(page)).not.toContain(NEW_ACME_HANDSET);

    expect((await observe(LINES.acme.msisdn, NEW_ACME_HANDSET)).status).toBe(202);
    await page.locator('#live-events li', { hasText: NEW_ACME_HANDSET }).waitFor({ timeout: 15_000 });
    await page
      .locator('#tiles')
      .filter({ hasText: /Detections \(60 min\)\s*4/ })
      .waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SHOTS, 'console-dashboard.png'), fullPage: true });
    expect(await page.locator('#live-events li', { hasText: LINES.acme.msisdn }).count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('lets a customer-care agent look a subscriber up, run an action and find it in the audit log', async () => {
    const page = await signIn('carl', PASSWORD);
    await page.fill('#lookup-input', LINES.globex.msisdn);
    await page.press('#lookup-input', 'Enter');
    await page.locator('#subscriber-title').filter({ hasText: LINES.globex.msisdn }).waitFor();
    const handset = await page.locator('#handset').innerText();
    expect(handset).toContain(LINES.globex.imei);
    expect(await page.locator('main').innerText()).toContain('tenant globex');

    await page.click('button[data-action=diagnostics]');
    await page.click('#confirm-ok');
    // accepted once diagnostics runs in the process; until then "service unavailable", audited either way.
    await page
      .locator('#action-result')
      .filter({ hasText: /accepted|Service unavailable/ })
      .waitFor();
    await page.screenshot({ path: join(SHOTS, 'console-lookup.png'), fullPage: true });

    await page.click('nav a[href="#/audit"]');
    const row = page
      .locator('#audit tr', { hasText: 'diagnostics.run' })
      .filter({ hasText: LINES.globex.msisdn });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/carl \(customer-care\)[\s\S]*globex[\s\S]*(accepted|unavailable)/);
    await page.screenshot({ path: join(SHOTS, 'console-audit.png'), fullPage: true });
    await page.context().close();
  });

  it('keeps a corporate admin to its own company: UI, API with its cookie, API with its token, live feed', async () => {
    const page = await signIn('cora', PASSWORD);
    await page.locator('#live-status').filter({ hasText: 'live' }).waitFor();
    expect(await liveText(page)).not.toContain(LINES.globex.msisdn);

    expect((await observe(LINES.globex.msisdn, NEW_GLOBEX_HANDSET)).status).toBe(202);
    expect((await observe(LINES.acme.msisdn, LINES.acme.imei)).status).toBe(202);
    await page.locator('#live-events li', { hasText: LINES.acme.imei }).waitFor({ timeout: 15_000 });
    expect(await liveText(page)).not.toContain(LINES.globex.msisdn);

    await page.fill('#lookup-input', LINES.globex.msisdn);
    await page.press('#lookup-input', 'Enter');
    await page.locator('main .notice.error').filter({ hasText: 'No subscriber or handset' }).waitFor();
    await page.fill('#lookup-input', LINES.acme.msisdn);
    await page.press('#lookup-input', 'Enter');
    await page.locator('#subscriber-title').filter({ hasText: LINES.acme.msisdn }).waitFor();

    const withCookie = await page.request.get(`${sys.url}/api/v1/console/subscribers/${LINES.globex.msisdn}`);
    expect(withCookie.status()).toBe(404);
    const byImei = await page.request.get(`${sys.url}/api/v1/console/terminals/${NEW_GLOBEX_HANDSET}`);
    expect(byImei.status()).toBe(404);
    const action = await page.request.post(
      `${sys.url}/api/v1/console/subscribers/${LINES.globex.msisdn}/actions/resend-settings`,
    );
    expect(action.status()).toBe(404);
    expect(action.headers()['content-type']).toContain('application/problem+json');

    const token = (
      await json(`${sys.url}/api/v1/console/session`, 'POST', undefined, {
        username: 'cora',
        password: PASSWORD,
      })
    ).body['token'] as string;
    const bearer = await json(`${sys.url}/api/v1/console/subscribers/${LINES.globex.msisdn}`, 'GET', token);
    expect(bearer.status).toBe(404);
    expect(JSON.stringify(bearer.body)).not.toContain('globex');
    expect(
      (await json(`${sys.url}/api/v1/console/subscribers/${LINES.acme.msisdn}`, 'GET', token)).status,
    ).toBe(200);
    const audit = await json(`${sys.url}/api/v1/console/audit`, 'GET', token);
    expect(JSON.stringify(audit.body)).not.toContain(LINES.globex.msisdn);
    expect((await json(`${sys.url}/api/v1/console/users`, 'GET', token)).status).toBe(403);
    await page.context().close();
  });

  it("shows an end user their own phone, consent and backups, and nobody else's", async () => {
    const page = await signIn('eddie', PASSWORD);
    await page.locator('#backups').filter({ hasText: 'No backups yet' }).waitFor();
    expect(await page.locator('#handset').innerText()).toContain(LINES.consumer.imei);
    // Consent is diagnostics' (in the process): allow one category, see it granted, find it audited.
    const row = page.locator('#my-consent tr[data-category="read-diagnostics"]');
    await row.locator('button', { hasText: 'Allow' }).click();
    await page
      .locator('#my-consent tr[data-category="read-diagnostics"] .badge', { hasText: 'granted' })
      .waitFor();
    const admin = (await json(`${sys.url}/api/v1/console/session`, 'POST', undefined, sys.firstAdmin)).body[
      'token'
    ] as string;
    const audit = await json(`${sys.url}/api/v1/console/audit`, 'GET', admin);
    expect(audit.body['items']).toContainEqual(
      expect.objectContaining({
        actor: 'eddie',
        action: 'consent.grant',
        target: LINES.consumer.msisdn,
        outcome: 'accepted',
      }),
    );
    await page.screenshot({ path: join(SHOTS, 'console-my-phone.png'), fullPage: true });
    expect(await page.locator('#lookup-form').isHidden()).toBe(true);

    await page.goto(`${sys.url}/#/subscriber/${LINES.acme.msisdn}`);
    await page.locator('main .notice.error').filter({ hasText: 'No subscriber or handset' }).waitFor();
    for (const path of [
      `/api/v1/console/subscribers/${LINES.acme.msisdn}`,
      `/api/v1/console/terminals/${LINES.globex.imei}`,
      `/api/v1/console/subscribers/${LINES.globex.msisdn}/consent`,
    ])
      expect((await page.request.get(`${sys.url}${path}`)).status()).toBe(404);
    expect((await page.request.get(`${sys.url}/api/v1/console/audit`)).status()).toBe(403);
    await page.context().close();
  });
  it('shows the live dashboard filling with detections, diagnostics and configurations while pnpm demo runs', async () => {
    const page = await signIn(sys.firstAdmin.username, sys.firstAdmin.password);
    await page.locator('#live-status').filter({ hasText: 'live' }).waitFor();
    const demo = spawn(process.execPath, ['--import', 'tsx', 'libs/device-sim/src/demo/demo.main.ts', '--url', sys.url, '--subscribers', '8', '--timeout', '150'], {
      cwd: REPO_ROOT,
      env: embeddedEnv({ DMS_ADMIN_TOKEN: sys.adminToken }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    demo.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((done) => demo.once('exit', (code) => done(code)));
    // While the demo runs, the pushed events reach the page: applied and refused configurations.
    await page.locator('#live-events li[data-topic="config.applied.v1"]').first().waitFor({ timeout: 120_000 });
    await page.locator('#live-events li[data-topic="config.failed.v1"]').first().waitFor({ timeout: 120_000 });
    await page.locator('#live-events li[data-topic="diagnostics.report-completed.v1"]').first().waitFor({ timeout: 10_000 });
    expect(await exited).toBe(0);
    expect(out).toContain('every handset ended as expected');
    await page.locator('#tiles').filter({ hasText: /Configuration success\s*\d/ }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(SHOTS, 'console-dashboard-demo.png'), fullPage: true });
    await page.context().close();
  });
});
