import { randomUUID } from 'node:crypto';
import { HttpError } from '@dms/service-kit';
import { userHashB64 } from '@dms/syncml';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { z } from 'zod';
import type { DmAccountRepository } from '../../data-access/dm-account.repository';
import type { SessionLogRepository } from '../../data-access/session-log.repository';
import { accountView } from '../../domain/dm-account';
import type { JobService } from '../../domain/job.service';
import { jobResults, type Job } from '../../domain/job.model';
import { CreateDmAccountBody, CreateJobBody } from './api.schemas';
import { bearerAuth } from '@dms/service-kit';
import { openApiDocument } from './openapi.document';

class NotFoundError extends HttpError {
  constructor(what: string) {
    super(404, 'NOT_FOUND', `${what} not found`);
  }
}

class InvalidBodyError extends HttpError {
  constructor(issues: z.core.$ZodIssue[]) {
    super(400, 'INVALID_BODY', issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '), { details: { issues } });
  }
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw new InvalidBodyError(result.error.issues);
  return result.data;
}

const route = (fn: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
  fn(req, res).catch(next);
};

export function jobView(job: Job) {
  return {
    jobId: job._id,
    deviceId: job.deviceId,
    state: job.state,
    priority: job.priority,
    correlationId: job.correlationId,
    requestedAt: job.requestedAt,
    ...(job.expiresAt === undefined ? {} : { expiresAt: job.expiresAt }),
    ...(job.sessionId === undefined ? {} : { sessionId: job.sessionId }),
    ...(job.uiStatus === undefined ? {} : { userInteractionStatus: job.uiStatus }),
    ...(job.endedAt === undefined ? {} : { endedAt: job.endedAt }),
    commands: job.commands,
    results: jobResults(job),
  };
}

/** /api/v1 of dm-gateway (admin bearer token; RFC 7807 errors through the service-kit problem handler). */
export function createApiRouter(deps: { adminToken: string; accounts: DmAccountRepository; jobs: JobService; sessionLog: SessionLogRepository }): Router {
  const router = express.Router();
  router.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  const api = express.Router();
  api.use(bearerAuth(deps.adminToken), express.json({ limit: '2mb' }));
  api.post('/dm-accounts', route(async (req, res) => {
    const body = parse(CreateDmAccountBody, req.body);
    await deps.accounts.save({ deviceId: body.deviceId, username: body.username, userHash: userHashB64(body.username, body.password), authType: body.authType, serverId: body.serverId, serverPassword: body.serverPassword });
    const saved = await deps.accounts.find(body.deviceId);
    if (saved === undefined) throw new NotFoundError('account');
    res.status(201).json(accountView(saved));
  }));
  api.get('/dm-accounts/:deviceId', route(async (req, res) => {
    const account = await deps.accounts.find(String(req.params['deviceId']));
    if (account === undefined) throw new NotFoundError('DM account');
    res.json(accountView(account));
  }));
  api.delete('/dm-accounts/:deviceId', route(async (req, res) => {
    if (!(await deps.accounts.delete(String(req.params['deviceId'])))) throw new NotFoundError('DM account');
    res.status(204).end();
  }));
  api.post('/devices/:deviceId/jobs', route(async (req, res) => {
    const body = parse(CreateJobBody, req.body);
    const jobId = randomUUID();
    const { job } = await deps.jobs.queue({
      jobId,
      deviceId: String(req.params['deviceId']),
      commands: body.commands,
      ...(body.userInteraction === undefined ? {} : { userInteraction: body.userInteraction }),
      priority: body.priority,
      ...(body.expiresAt === undefined ? {} : { expiresAt: body.expiresAt }),
      notify: body.notify,
      ...(body.msisdn === undefined ? {} : { msisdn: body.msisdn }),
      correlationId: body.correlationId ?? jobId,
      requestedBy: 'api',
      requestedAt: new Date().toISOString(),
    });
    res.status(201).location(`/api/v1/devices/${encodeURIComponent(job.deviceId)}/jobs/${job._id}`).json(jobView(job));
  }));
  api.get('/devices/:deviceId/jobs/:jobId', route(async (req, res) => {
    const job = await deps.jobs.get(String(req.params['jobId']));
    if (job === undefined || job.deviceId !== req.params['deviceId']) throw new NotFoundError('job');
    res.json(jobView(job));
  }));
  api.get('/devices/:deviceId/sessions', route(async (req, res) => {
    const limit = Math.min(200, Math.max(1, Number(req.query['limit'] ?? 50) || 50));
    res.json({ sessions: await deps.sessionLog.forDevice(String(req.params['deviceId']), limit) });
  }));
  router.use('/api/v1', api);
  return router;
}
