import express, { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import { InvalidCampaignRequestError } from '../domain/campaign.errors';
import type { LifecycleAction } from '../domain/campaign-lifecycle';
import { CAMPAIGN_STATES, CreateCampaign, DEVICE_STATES } from '../domain/campaign.model';
import type { CampaignService } from '../domain/campaign.service';

export const CAMPAIGNS_BASE = '/api/v1/campaigns';
const MAX_BODY = '16mb';

const ListQuery = z.object({
  state: z.enum(CAMPAIGN_STATES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const DevicesQuery = z.object({
  state: z.enum(DEVICE_STATES).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new InvalidCampaignRequestError(`invalid ${what}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, { issues });
}

function id(req: Request): string {
  const value = req.params['id'];
  if (typeof value !== 'string' || !/^cmp-[0-9a-z]{1,40}$/.test(value)) throw new InvalidCampaignRequestError('malformed campaign id');
  return value;
}

/** REST API of campaigns (campaigns.openapi.ts documents every route); `auth` guards all of it. */
export function createCampaignsRouter(service: CampaignService, auth: RequestHandler): Router {
  const router = Router();
  const api = Router();
  api.use(auth);
  api.get('/', async (req, res) => {
    res.json(await service.list(parse(ListQuery, req.query, 'query')));
  });
  api.post('/', express.json({ limit: MAX_BODY }), async (req, res) => {
    const created = await service.create(parse(CreateCampaign, req.body, 'campaign'));
    res.status(201).location(`${CAMPAIGNS_BASE}/${created.id}`).json(created);
  });
  api.get('/:id', async (req, res) => {
    res.json(await service.get(id(req)));
  });
  api.get('/:id/devices', async (req, res) => {
    res.json(await service.devices(id(req), parse(DevicesQuery, req.query, 'query')));
  });
  for (const action of ['start', 'pause', 'resume', 'cancel'] as const satisfies readonly LifecycleAction[])
    api.post(`/:id/${action}`, async (req, res) => {
      res.json(await service.control(id(req), action));
    });
  router.use(CAMPAIGNS_BASE, api);
  return router;
}
