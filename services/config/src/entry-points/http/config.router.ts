import { DeviceId, Msisdn, SettingKind } from '@dms/contracts';
import { bearerAuth } from '@dms/service-kit';
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { DeviceStateRepository } from '../../data-access/device-state.repository';
import { DeviceStateNotFoundError, InvalidRequestError } from '../../domain/config.errors';
import type { ConfigurationService } from '../../domain/configuration.service';
import { stateView } from '../../domain/device-config.model';
import { NewProfile, ProfileBody, profileView } from '../../domain/profile.model';
import type { ProfileService } from '../../domain/profile.service';
import { TemplateBody } from '../../domain/template.model';
import type { TemplateService } from '../../domain/template.service';
import { resend } from '../rpc/config.rpc';
import { openApiDocument } from './openapi.document';

export const API_BASE = '/api/v1/config';

export interface ConfigRouterDeps {
  adminToken: string;
  profiles: ProfileService;
  templates: TemplateService;
  configuration: ConfigurationService;
  devices: DeviceStateRepository;
  /** Extra routes under /api/v1/config behind the same token (campaigns). */
  extra?: Router;
}

const ResendBody = z.object({ settings: z.array(SettingKind).min(1).optional(), msisdn: Msisdn.optional() }).strict();

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new InvalidRequestError('request body is invalid', {
      issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  return result.data;
}

function param(req: Request, name: string, schema: z.ZodType<string> = z.string().min(1).max(128)): string {
  const result = schema.safeParse(req.params[name]);
  if (!result.success) throw new InvalidRequestError(`path parameter ${name} is invalid`);
  return result.data;
}

const Id = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/);

/** REST API of config under /api/v1/config (openapi.document.ts describes every route). */
export function createConfigRouter(deps: ConfigRouterDeps): Router {
  const router = Router();
  router.get(`${API_BASE}/openapi.json`, (_req, res) => {
    res.json(openApiDocument());
  });
  const api = Router();
  api.use(bearerAuth(deps.adminToken));
  api.use(express.json({ limit: '256kb' }));
  api.get('/profiles', async (_req, res) => {
    res.json({ items: (await deps.profiles.list()).map(profileView) });
  });
  api.post('/profiles', async (req, res) => {
    const profile = await deps.profiles.create(parse(NewProfile, req.body));
    res.status(201).location(`${API_BASE}/profiles/${profile.id}`).json(profileView(profile));
  });
  api.get('/profiles/:id', async (req, res) => {
    const version = req.query['version'];
    const v = version === undefined ? undefined : parse(z.coerce.number().int().min(1), version);
    res.json(profileView(await deps.profiles.get(param(req, 'id', Id), v)));
  });
  api.put('/profiles/:id', async (req, res) => {
    res.json(profileView(await deps.profiles.newVersion(param(req, 'id', Id), parse(ProfileBody, req.body))));
  });
  api.get('/templates', async (_req, res) => {
    res.json({ items: await deps.templates.list() });
  });
  api.get('/templates/:id', async (req, res) => {
    res.json(await deps.templates.get(param(req, 'id', Id)));
  });
  api.put('/templates/:id', async (req, res) => {
    const { template, created } = await deps.templates.put(param(req, 'id', Id), parse(TemplateBody, req.body));
    res.status(created ? 201 : 200).json(template);
  });
  api.get('/devices/:deviceId', async (req, res) => {
    const deviceId = param(req, 'deviceId', DeviceId);
    const record = await deps.devices.get(deviceId);
    if (record === undefined) throw new DeviceStateNotFoundError(deviceId);
    res.json(stateView(record));
  });
  api.post('/devices/:deviceId/resend', async (req, res) => {
    const body = parse(ResendBody, req.body ?? {});
    const result = await resend(deps.configuration, {
      deviceId: param(req, 'deviceId', DeviceId),
      ...(body.msisdn === undefined ? {} : { msisdn: body.msisdn }),
      ...(body.settings === undefined ? {} : { settings: body.settings }),
      requestedBy: 'api',
    });
    res.status(202).json(result);
  });
  if (deps.extra !== undefined) api.use(deps.extra);
  router.use(API_BASE, api);
  return router;
}
