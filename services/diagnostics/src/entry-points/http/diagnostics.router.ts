import { bearerAuth } from '@dms/service-kit';
import express, { Router, type Request } from 'express';
import type { ConsentService } from '../../domain/consent.service';
import type { DiagnosticsQueryService } from '../../domain/diagnostics-query.service';
import { openApiDocument } from './openapi.document';
import { CategoryParam, ConsentBody, MsisdnParam, parse, ReportsQuery, RunBody } from './request.schemas';

export const API_BASE = '/api/v1';

export interface RouterDeps {
  adminToken: string;
  consent: ConsentService;
  queries: DiagnosticsQueryService;
}

const msisdnOf = (req: Request): string => parse(MsisdnParam, req.params['msisdn'], 'msisdn');

/** REST API of diagnostics under /api/v1 (openapi.document.ts describes every route). */
export function createDiagnosticsRouter(deps: RouterDeps): Router {
  const { consent, queries } = deps;
  const router = Router();
  router.get(`${API_BASE}/diagnostics/openapi.json`, (_req, res) => {
    res.json(openApiDocument());
  });
  const api = Router();
  const auth = bearerAuth(deps.adminToken);
  const json = express.json({ limit: '16kb' });
  api.get('/subscribers/:msisdn/consent', auth, async (req, res) => {
    const msisdn = msisdnOf(req);
    res.json({ msisdn, grants: await consent.ofSubscriber(msisdn) });
  });
  api.get('/subscribers/:msisdn/consent/audit', auth, async (req, res) => {
    res.json({ items: await consent.history(msisdnOf(req)) });
  });
  api.put('/subscribers/:msisdn/consent/:category', auth, json, async (req, res) => {
    const msisdn = msisdnOf(req);
    const category = parse(CategoryParam, req.params['category'], 'consent category');
    const body = parse(ConsentBody, req.body, 'consent decision');
    const grant = await consent.decide({
      msisdn,
      category,
      decision: body.decision,
      ...(body.until === undefined ? {} : { until: body.until }),
      decidedBy: body.decidedBy ?? 'api',
    });
    res.json(grant);
  });
  api.post('/diagnostics/runs', auth, json, async (req, res) => {
    const body = parse(RunBody, req.body, 'run request');
    const started = await queries.run({ ...body, requestedBy: body.requestedBy ?? 'api' });
    res.status(202).location(`${API_BASE}/diagnostics/reports/${started.reportId}`).json(started);
  });
  api.get('/diagnostics/reports', auth, async (req, res) => {
    const query = parse(ReportsQuery, req.query, 'report query');
    res.json({ reports: await queries.list(query) });
  });
  api.get('/diagnostics/reports/:reportId', auth, async (req, res) => {
    res.json(await queries.get(String(req.params['reportId'])));
  });
  router.use(API_BASE, api);
  return router;
}
