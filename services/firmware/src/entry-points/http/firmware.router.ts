import { DeviceId, Msisdn } from '@dms/contracts';
import { bearerAuth } from '@dms/service-kit';
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { UpdateRepository } from '../../data-access/update.repository';
import { InvalidRequestError, UpdateNotFoundError } from '../../domain/firmware.errors';
import { updateView } from '../../domain/update.model';
import type { UpdateService } from '../../domain/update.service';
import type { RolloutRecord } from '../../rollouts/rollout.model';
import type { RolloutService } from '../../rollouts/rollout.service';

export const API_BASE = '/api/v1/firmware';

export interface FirmwareRouterDeps {
  adminToken: string;
  updates: UpdateService;
  updateRepository: UpdateRepository;
  rollouts: RolloutService;
  /** The package registry's admin routes (keys, packages), behind the same token. */
  packages: Router;
}

const Id = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/);
const Version = z.string().min(1).max(100).regex(/^[\x21-\x7e]+$/, 'printable, no spaces');

const UpdateBody = z
  .object({ deviceId: DeviceId, msisdn: Msisdn.optional(), packageId: Id, fromVersion: Version.optional(), requestId: Id.optional() })
  .strict();

const RolloutDevice = z.object({ deviceId: DeviceId, msisdn: Msisdn.optional(), fwV: Version.optional() }).strict();
const RolloutBody = z
  .object({
    name: z.string().min(1).max(200),
    packageId: Id,
    target: z.union([
      z.object({ devices: z.array(RolloutDevice).min(1).max(100_000) }).strict(),
      z.object({ query: z.record(z.string().regex(/^[A-Za-z0-9_.]{1,64}$/), z.string().max(200)) }).strict(),
    ]),
    /** Cumulative percentages, ascending, the last 100. */
    stages: z
      .array(z.number().gt(0).max(100))
      .min(1)
      .max(20)
      .refine((s) => s.every((p, i) => i === 0 || p > s[i - 1]!) && s[s.length - 1] === 100, 'stages must rise and end at 100')
      .optional(),
    maxFailureRate: z.number().min(0).max(1).optional(),
    perTick: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new InvalidRequestError('request body is invalid', { issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  return result.data;
}

function param(req: Request, name: string): string {
  const result = Id.safeParse(req.params[name]);
  if (!result.success) throw new InvalidRequestError(`path parameter ${name} is invalid`);
  return result.data;
}

/** REST API of firmware under /api/v1/firmware: packages and keys (packages/), single updates, rollouts. */
export function createFirmwareRouter(deps: FirmwareRouterDeps): Router {
  const router = Router();
  // Every route under /api/v1/firmware needs the token, the registry's (absolute paths) included.
  router.use(API_BASE, bearerAuth(deps.adminToken));
  router.use(deps.packages);
  const api = Router();
  api.use(express.json({ limit: '8mb' }));

  api.post(`/updates`, async (req, res) => {
    const body = parse(UpdateBody, req.body);
    const update = await deps.updates.request({
      deviceId: body.deviceId,
      ...(body.msisdn === undefined ? {} : { msisdn: body.msisdn }),
      packageId: body.packageId,
      ...(body.fromVersion === undefined ? {} : { fromVersion: body.fromVersion }),
      requestedBy: 'api',
      // A client that sends the same request id twice gets the same update.
      origin: `api:${body.requestId ?? `${body.packageId}:${Date.now()}`}`,
    });
    res.status(202).json(updateView(update));
  });
  api.get(`/updates/:updateId`, async (req, res) => {
    const updateId = param(req, 'updateId');
    const update = await deps.updateRepository.get(updateId);
    if (update === undefined) throw new UpdateNotFoundError(updateId);
    res.json(updateView(update));
  });
  api.get(`/devices/:deviceId/updates`, async (req, res) => {
    res.json({ items: (await deps.updateRepository.forDevice(param(req, 'deviceId'))).map(updateView) });
  });

  const rolloutView = async (r: RolloutRecord) => ({
    rolloutId: r._id,
    name: r.name,
    packageId: r.packageId,
    toVersion: r.toVersion,
    manufacturer: r.manufacturer,
    model: r.model,
    state: r.state,
    stage: r.stage,
    stages: r.stages,
    maxFailureRate: r.maxFailureRate,
    ...(r.reason === undefined ? {} : { reason: r.reason }),
    counts: await deps.rollouts.counts(r),
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  });
  api.post(`/rollouts`, async (req, res) => {
    const body = parse(RolloutBody, req.body);
    const rollout = await deps.rollouts.create({
      name: body.name,
      packageId: body.packageId,
      target: 'devices' in body.target ? { kind: 'list', devices: body.target.devices.map((d) => ({ ...d })) } : { kind: 'query', criteria: body.target.query },
      ...(body.stages === undefined ? {} : { stages: body.stages }),
      ...(body.maxFailureRate === undefined ? {} : { maxFailureRate: body.maxFailureRate }),
      ...(body.perTick === undefined ? {} : { perTick: body.perTick }),
      createdBy: 'api',
    });
    res.status(201).json(await rolloutView(rollout));
  });
  api.get(`/rollouts`, async (_req, res) => {
    res.json({ items: await Promise.all((await deps.rollouts.list()).map(rolloutView)) });
  });
  api.get(`/rollouts/:rolloutId`, async (req, res) => {
    res.json(await rolloutView(await deps.rollouts.get(param(req, 'rolloutId'))));
  });
  for (const action of ['pause', 'resume', 'cancel'] as const)
    api.post(`/rollouts/:rolloutId/${action}`, async (req, res) => {
      res.json(await rolloutView(await deps.rollouts[action](param(req, 'rolloutId'))));
    });
  router.use(API_BASE, api);
  return router;
}
