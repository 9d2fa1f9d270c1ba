import express from 'express';
import { bearerAuth } from './bearer-auth.middleware';
import { problemHandler } from './problem.middleware';
import { startHttpServer } from './http-server';
import { createLogger } from '../logging/logger.factory';

describe('bearerAuth', () => {
  const app = express();
  app.get('/secret', bearerAuth('s3cret-token'), (_req, res) => {
    res.json({ ok: true });
  });
  app.use(problemHandler(createLogger({ service: 'test', level: 'silent' })));
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  beforeAll(async () => {
    server = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('lets the right token through', async () => {
    const res = await fetch(`${server.url}/secret`, { headers: { authorization: 'Bearer s3cret-token' } });
    expect(res.status).toBe(200);
  });

  it.each([
    ['no header', undefined],
    ['a wrong token', 'Bearer wrong'],
    ['a longer token with the right prefix', 'Bearer s3cret-token-and-more'],
    ['another scheme', 'Basic czNjcmV0LXRva2Vu'],
  ])('answers %s with 401 problem+json and a Bearer challenge', async (_name, authorization) => {
    const res = await fetch(`${server.url}/secret`, { headers: authorization ? { authorization } : {} });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });
});
