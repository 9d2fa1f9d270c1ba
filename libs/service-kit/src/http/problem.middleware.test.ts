import express from 'express';
import type { DestinationStream } from 'pino';
import { HttpError, OperationalError, UserError } from '../errors/dms.error';
import { createLogger } from '../logging/logger.factory';
import { startHttpServer, type RunningHttpServer } from './http-server';
import { problemHandler } from './problem.middleware';

let running: RunningHttpServer | undefined;
const logged: string[] = [];

afterEach(async () => {
  await running?.close();
  running = undefined;
  logged.length = 0;
});

async function serveThrowing(error: unknown): Promise<string> {
  const destination: DestinationStream = { write: (line: string) => void logged.push(line) };
  const app = express();
  app.use(express.json());
  app.get('/boom', () => {
    throw error;
  });
  app.post('/echo', (req, res) => void res.json(req.body));
  app.use(problemHandler(createLogger({ service: 'problem-test', destination })));
  running = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
  return running.url;
}

async function problemOf(response: Response): Promise<Record<string, unknown>> {
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  return (await response.json()) as Record<string, unknown>;
}

describe('problemHandler', () => {
  it('answers an HttpError with its status, code and message', async () => {
    const url = await serveThrowing(
      new HttpError(409, 'CAMPAIGN_RUNNING', 'campaign c-1 is already running'),
    );

    const response = await fetch(`${url}/boom`);

    expect(response.status).toBe(409);
    expect(await problemOf(response)).toEqual({
      type: 'urn:dms:problem:CAMPAIGN_RUNNING',
      title: 'Conflict',
      status: 409,
      detail: 'campaign c-1 is already running',
      instance: '/boom',
      code: 'CAMPAIGN_RUNNING',
      retriable: false,
    });
  });

  it('answers a UserError with 400 and its details minus secret-bearing keys', async () => {
    const url = await serveThrowing(
      new UserError('PROFILE_INVALID', 'APN name is missing', {
        details: { field: 'apn', password: 'leak-me' },
      }),
    );

    const response = await fetch(`${url}/boom`);
    const problem = await problemOf(response);

    expect(response.status).toBe(400);
    expect(problem).toMatchObject({
      code: 'PROFILE_INVALID',
      detail: 'APN name is missing',
      details: { field: 'apn' },
    });
    expect(JSON.stringify(problem)).not.toContain('leak-me');
  });

  it('answers a retriable OperationalError with 503 and Retry-After, hiding its message', async () => {
    const url = await serveThrowing(
      new OperationalError('STORE_UNAVAILABLE', 'mongodb://admin:pw@db-7 refused'),
    );

    const response = await fetch(`${url}/boom`);
    const problem = await problemOf(response);

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(problem).toEqual({
      type: 'urn:dms:problem:STORE_UNAVAILABLE',
      title: 'Service Unavailable',
      status: 503,
      instance: '/boom',
      code: 'STORE_UNAVAILABLE',
      retriable: true,
    });
  });

  it('answers a non-retriable OperationalError with 500', async () => {
    const url = await serveThrowing(new OperationalError('DISK_FULL', 'no space', { retriable: false }));

    expect((await fetch(`${url}/boom`)).status).toBe(500);
  });

  it('answers an unknown error with a bare 500 and logs its stack server-side only', async () => {
    const url = await serveThrowing(new TypeError('secret internals at line 42'));

    const response = await fetch(`${url}/boom`);
    const body = await response.text();

    expect(response.status).toBe(500);
    expect(JSON.parse(body)).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      instance: '/boom',
      code: 'INTERNAL',
      retriable: false,
    });
    expect(body).not.toMatch(/secret internals|at .*\.ts/);
    expect(logged.join('')).toContain('TypeError: secret internals at line 42');
  });

  it('turns an unknown route into a 404 problem', async () => {
    const url = await serveThrowing(new UserError('X', 'unused'));

    const response = await fetch(`${url}/no/such/route`);

    expect(response.status).toBe(404);
    expect(await problemOf(response)).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      detail: 'no route for GET /no/such/route',
    });
  });

  it('turns a malformed JSON body into a 400 problem', async () => {
    const url = await serveThrowing(new UserError('X', 'unused'));

    const response = await fetch(`${url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });

    expect(response.status).toBe(400);
    expect(await problemOf(response)).toMatchObject({ status: 400, code: 'ENTITY_PARSE_FAILED' });
  });
});
