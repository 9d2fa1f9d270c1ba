import { LINES, startConsoleHarness, type ConsoleHarness } from '../../test-support/console.harness';

jest.setTimeout(60_000);

const page = (msisdn: string) => `/api/v1/console/subscribers/${msisdn}`;

describe('tenant scoping of lookups, actions and the audit log', () => {
  let h: ConsoleHarness;
  beforeEach(async () => {
    h = await startConsoleHarness();
  });
  afterEach(() => h.close());

  it('shows a corporate admin its own tenant only: another company is a 404 like an unknown number', async () => {
    const cora = await h.signIn('corporate-admin');
    const own = await h.call('GET', page(LINES.acme.msisdn), cora);
    const other = await h.call('GET', page(LINES.globex.msisdn), cora);
    const unknown = await h.call('GET', page('491799999999'), cora);
    const byImei = await h.call('GET', `/api/v1/console/terminals/${LINES.globex.imei}`, cora);

    expect(own.status).toBe(200);
    expect(own.body.subscriber.tenantId).toBe('acme');
    expect(own.body.terminal.model).toBe('6230i');
    expect([other.status, unknown.status, byImei.status]).toEqual([404, 404, 404]);
    expect(other.body.code).toBe(unknown.body.code);
    // The IMEI answer names the IMEI, not the MSISDN behind it.
    expect(JSON.stringify(byImei.body)).not.toContain(LINES.globex.msisdn);
  });

  it('shows an end user their own line only', async () => {
    const eddie = await h.signIn('end-user');
    expect((await h.call('GET', page(LINES.consumer.msisdn), eddie)).status).toBe(200);
    expect((await h.call('GET', page(LINES.acme.msisdn), eddie)).status).toBe(404);
    expect((await h.call('GET', `/api/v1/console/terminals/${LINES.acme.imei}`, eddie)).status).toBe(404);
    expect(
      (await h.call('GET', `/api/v1/console/subscribers/${LINES.acme.msisdn}/consent`, eddie)).status,
    ).toBe(404);
  });

  it('lets operator-wide roles see every line, by MSISDN and by IMEI', async () => {
    const carl = await h.signIn('customer-care');
    for (const line of Object.values(LINES)) {
      expect((await h.call('GET', page(line.msisdn), carl)).status).toBe(200);
      const byImei = await h.call('GET', `/api/v1/console/terminals/${line.imei}`, carl);
      expect(byImei.body.subscriber.msisdn).toBe(line.msisdn);
    }
  });

  it('refuses bad identifiers with 400 problem+json', async () => {
    const carl = await h.signIn('customer-care');
    const msisdn = await h.call('GET', page('12ab'), carl);
    const imei = await h.call('GET', '/api/v1/console/terminals/490154203237519', carl);
    expect([msisdn.status, imei.status]).toEqual([400, 400]);
    expect(msisdn.type).toContain('application/problem+json');
    expect(imei.body.detail).toMatch(/check digit/);
  });

  it('shows the other services missing as "service unavailable", and an action on them is a 503 problem, audited', async () => {
    const carl = await h.signIn('customer-care');
    const lookup = await h.call('GET', page(LINES.acme.msisdn), carl);
    expect(lookup.status).toBe(200);
    expect(lookup.body.reports).toEqual({
      available: false,
      reason: expect.stringContaining('diagnostics service is unavailable'),
    });
    expect(lookup.body.settings.available).toBe(false);

    const action = await h.call('POST', `${page(LINES.acme.msisdn)}/actions/diagnostics`, carl);
    expect(action.status).toBe(503);
    expect(action.type).toContain('application/problem+json');
    expect(action.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { service: 'diagnostics' } });
    const audit = await h.call('GET', '/api/v1/console/audit', carl);
    expect(audit.body.items[0]).toMatchObject({
      action: 'diagnostics.run',
      outcome: 'unavailable',
      actor: 'carl',
    });
  });

  it('runs agent actions on the services, and a corporate admin only on its tenant, each in the audit log it may see', async () => {
    const requests: unknown[] = [];
    await h.peer.serve({
      subject: 'diagnostics.run.v1',
      handler: async (request) => {
        requests.push(request);
        return { reportId: `r-${requests.length}`, deviceId: 'IMEI:490154203237518' };
      },
    });
    await h.peer.serve({
      subject: 'config.resend.v1',
      handler: async (request) => {
        requests.push(request);
        return { jobId: 'job-7' };
      },
    });
    const cora = await h.signIn('corporate-admin');
    const carl = await h.signIn('customer-care');

    const own = await h.call('POST', `${page(LINES.acme.msisdn)}/actions/diagnostics`, cora);
    const other = await h.call('POST', `${page(LINES.globex.msisdn)}/actions/resend-settings`, cora);
    const byAgent = await h.call('POST', `${page(LINES.globex.msisdn)}/actions/resend-settings`, carl);

    expect(own.status).toBe(202);
    expect(own.body.reportId).toBe('r-1');
    expect(other.status).toBe(404);
    expect(byAgent.status).toBe(202);
    expect(requests).toEqual([
      { msisdn: LINES.acme.msisdn, requestedBy: 'console:cora' },
      { deviceId: `IMEI:${LINES.globex.imei}`, msisdn: LINES.globex.msisdn, requestedBy: 'console:carl' },
    ]);
    const coraAudit = (await h.call('GET', '/api/v1/console/audit', cora)).body.items;
    const carlAudit = (await h.call('GET', '/api/v1/console/audit', carl)).body.items;
    expect(coraAudit).toEqual([
      expect.objectContaining({
        actor: 'cora',
        actorRole: 'corporate-admin',
        action: 'diagnostics.run',
        target: LINES.acme.msisdn,
        targetTenantId: 'acme',
        outcome: 'accepted',
      }),
    ]);
    const actions = carlAudit.filter((e: { action: string }) => !e.action.startsWith('user.'));
    expect(actions.map((e: { target: string }) => e.target)).toEqual([
      LINES.globex.msisdn,
      LINES.acme.msisdn,
    ]);
  });

  it("lets an end user change their own consent (with an until date), audited; not anyone else's", async () => {
    const decided: unknown[] = [];
    await h.peer.serve({
      subject: 'diagnostics.set-consent.v1',
      handler: async (r) => {
        decided.push(r);
        return {
          grant: {
            msisdn: r.msisdn,
            category: r.category,
            state: r.decision === 'grant' ? 'granted' : 'revoked',
            ...(r.until ? { until: r.until } : {}),
            decidedBy: r.decidedBy,
            updatedAt: new Date().toISOString(),
          },
        };
      },
    });
    const eddie = await h.signIn('end-user');
    const until = new Date(Date.now() + 86_400_000).toISOString();
    const own = await h.call('PUT', `${page(LINES.consumer.msisdn)}/consent/change-settings`, eddie, {
      decision: 'grant',
      until,
    });
    const other = await h.call('PUT', `${page(LINES.acme.msisdn)}/consent/change-settings`, eddie, {
      decision: 'revoke',
    });
    const past = await h.call('PUT', `${page(LINES.consumer.msisdn)}/consent/change-settings`, eddie, {
      decision: 'grant',
      until: '2020-01-01T00:00:00Z',
    });
    const badCategory = await h.call('PUT', `${page(LINES.consumer.msisdn)}/consent/everything`, eddie, {
      decision: 'grant',
    });

    expect(own.status).toBe(200);
    expect([other.status, past.status, badCategory.status]).toEqual([404, 400, 400]);
    expect(decided).toEqual([
      {
        msisdn: LINES.consumer.msisdn,
        category: 'change-settings',
        decision: 'grant',
        until,
        decidedBy: 'console:eddie',
      },
    ]);
    const admin = await h.signIn('operator-admin');
    const audit = (await h.call('GET', '/api/v1/console/audit', admin)).body.items;
    expect(audit).toContainEqual(
      expect.objectContaining({
        actor: 'eddie',
        action: 'consent.grant',
        target: LINES.consumer.msisdn,
        outcome: 'accepted',
      }),
    );
  });
});
