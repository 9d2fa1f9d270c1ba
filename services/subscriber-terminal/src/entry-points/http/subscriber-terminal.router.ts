import express, { Router, type Request } from 'express';
import { parseCatalogCsv } from '../../domain/catalog-csv.parser';
import type { CleanupService } from '../../domain/cleanup.service';
import { parseSubscriberQuery } from '../../domain/subscriber-query';
import { CatalogEntryNotFoundError, InvalidRequestError } from '../../domain/subscriber-terminal.errors';
import { catalogView, type SubscriberLookupService } from '../../domain/subscriber-lookup.service';
import type { TerminalCatalogService } from '../../domain/terminal-catalog.service';
import { OpaqueId } from '@dms/contracts';
import { bearerAuth } from '@dms/service-kit';
import { z } from 'zod';
import { openApiDocument } from './openapi.document';

export const API_BASE = '/api/v1';
const MAX_CSV_BYTES = '64mb';
/** The tenant id has the shape subscription.changed.v1 gives it; null removes the tenant. */
const TenantBody = z.object({ tenantId: OpaqueId.nullable() }).strict();

export interface RouterDeps {
  adminToken: string;
  lookup: SubscriberLookupService;
  catalog: TerminalCatalogService;
  cleanup: CleanupService;
}

function param(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== 'string') throw new InvalidRequestError(`missing path parameter ${name}`);
  return value;
}

function msisdnParam(req: Request): string {
  const msisdn = param(req, 'msisdn');
  if (!/^\d{6,15}$/.test(msisdn)) throw new InvalidRequestError('msisdn must be 6 to 15 digits', { msisdn });
  return msisdn;
}

/** REST API of subscriber-terminal under /api/v1 (openapi.yaml describes every route). */
export function createSubscriberTerminalRouter(deps: RouterDeps): Router {
  const { lookup, catalog, cleanup } = deps;
  const router = Router();
  router.get(`${API_BASE}/subscriber-terminal/openapi.json`, (_req, res) => {
    res.json(openApiDocument());
  });
  const api = Router();
  api.use(bearerAuth(deps.adminToken));
  api.get('/subscribers', async (req, res) => {
    res.json(await lookup.query(parseSubscriberQuery(req.query as Record<string, unknown>)));
  });
  api.get('/subscribers/:msisdn', async (req, res) => {
    res.json(await lookup.subscriber(msisdnParam(req)));
  });
  api.patch(
    '/subscribers/:msisdn/attributes',
    express.json({ type: ['application/json', 'application/merge-patch+json'] }),
    async (req, res) => {
      const body: unknown = req.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw new InvalidRequestError('body must be a JSON object of attributes');
      res.json({
        attributes: await lookup.patchAttributes(msisdnParam(req), body as Record<string, unknown>),
      });
    },
  );
  api.put('/subscribers/:msisdn/tenant', express.json(), async (req, res) => {
    const body = TenantBody.safeParse(req.body);
    if (!body.success)
      throw new InvalidRequestError('body must be {"tenantId": "<1 to 128 characters>"} or {"tenantId": null}');
    res.json(await lookup.setTenant(msisdnParam(req), body.data.tenantId));
  });
  api.get('/terminals/:imei', async (req, res) => {
    const imei = param(req, 'imei');
    const terminal = await lookup.terminalView(imei);
    res.json({ ...terminal, history: await lookup.terminalHistory(imei) });
  });
  api.get('/catalog', async (req, res) => {
    const { manufacturer, model } = req.query;
    if (typeof manufacturer !== 'string' && typeof model !== 'string')
      throw new InvalidRequestError('give manufacturer, model or both');
    const entries = await catalog.byModel(
      {
        ...(typeof manufacturer === 'string' ? { manufacturer } : {}),
        ...(typeof model === 'string' ? { model } : {}),
      },
      1000,
    );
    res.json({ items: entries.map(catalogView) });
  });
  api.get('/catalog/:tac', async (req, res) => {
    const tac = param(req, 'tac');
    if (!/^\d{8}$/.test(tac)) throw new InvalidRequestError('tac must be 8 digits', { tac });
    const entry = await catalog.byTac(tac);
    if (entry === null) throw new CatalogEntryNotFoundError(tac);
    res.json(catalogView(entry));
  });
  api.post(
    '/catalog/import',
    express.text({ type: ['text/csv', 'text/plain'], limit: MAX_CSV_BYTES }),
    async (req, res) => {
      if (typeof req.body !== 'string' || req.body.trim() === '')
        throw new InvalidRequestError('body must be a CSV document (Content-Type: text/csv)');
      res.json(await catalog.import(parseCatalogCsv(req.body.split('\n'))));
    },
  );
  api.post('/cleanup', async (_req, res) => {
    res.json(await cleanup.run());
  });
  router.use(API_BASE, api);
  return router;
}
