import { createInProcessEventBus, type InProcessEventBus } from '@dms/bus';
import type { EventEnvelope } from '@dms/contracts';
import {
  createLogger,
  createMetricsRegistry,
  problemHandler,
  startHttpServer,
  type RunningHttpServer,
} from '@dms/service-kit';
import express from 'express';
import { waitFor } from '../../test-support/wait-for';
import { DetectionMetrics } from '../observability/detection.metrics';
import { createObservationsRouter } from './observations.router';

const TOKEN = 'admin-token-for-tests';
const valid = {
  msisdn: '491700000001',
  imsi: '262011234567890',
  imei: '490154203237518',
  observedAt: '2026-11-28T10:00:00Z',
  source: 'console',
};

describe('POST /api/v1/hlr/observations', () => {
  let bus: InProcessEventBus;
  let server: RunningHttpServer;
  let published: EventEnvelope[];

  beforeEach(async () => {
    bus = createInProcessEventBus({ source: '/test' });
    published = [];
    await bus.subscribe({
      topic: 'hlr.imei-observations.v1',
      group: 'reader',
      handler: async (event) => void published.push(event),
    });
    const logger = createLogger({ service: 'test', level: 'silent' });
    const app = express();
    app.use(
      createObservationsRouter({
        bus,
        adminToken: TOKEN,
        metrics: new DetectionMetrics(createMetricsRegistry({ service: 'test', defaultMetrics: false })),
      }),
    );
    app.use(problemHandler(logger));
    server = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await server.close();
    await bus.close();
  });

  const post = (body: unknown, token: string | null = TOKEN) =>
    fetch(`${server.url}/api/v1/hlr/observations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(body),
    });

  it('accepts one observation with 202 and publishes it keyed by MSISDN', async () => {
    const response = await post(valid);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 1, received: 1 });
    await waitFor(() => published.length === 1, 'the published observation');
    expect(published[0]).toMatchObject({
      subject: valid.msisdn,
      data: valid,
      type: 'org.dms.hlr.imei-observation.v1',
    });
  });

  it('accepts an array and answers the counts', async () => {
    const response = await post([
      valid,
      { ...valid, msisdn: '491700000002' },
      {
        ...valid,
        timestamp: '2026-11-28T11:00:00Z',
        hlrId: 'legacy',
        observedAt: undefined,
        source: undefined,
      },
    ]);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 3, received: 3 });
    await waitFor(() => published.length === 3, 'three published observations');
  });

  it('refuses a batch with invalid items with 400 problem+json naming each one, and publishes none', async () => {
    const response = await post([valid, { ...valid, imei: '490154203237519' }, { ...valid, msisdn: 42 }]);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as {
      code: string;
      details: { invalid: Array<{ index: number; reason: string }> };
    };
    expect(problem.code).toBe('HLR_OBSERVATIONS_INVALID');
    expect(problem.details.invalid).toEqual([
      { index: 1, reason: 'imei: imei check digit (Luhn) is wrong' },
      { index: 2, reason: expect.stringMatching(/^msisdn: /) },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(published).toHaveLength(0);
  });

  it('refuses a body that is not JSON with 400 problem+json', async () => {
    const response = await fetch(`${server.url}/api/v1/hlr/observations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: '{"msisdn":',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it.each([
    ['no token', null],
    ['a wrong token', 'admin-token-for-testz'],
    ['a prefix of the token', 'admin'],
  ])('refuses %s with 401 and a Bearer challenge', async (_name, token) => {
    const response = await post(valid, token);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(((await response.json()) as { code: string }).code).toBe('UNAUTHORIZED');
  });
});
