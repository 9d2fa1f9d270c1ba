import { ConsentCategory, Msisdn, Timestamp } from '@dms/contracts';
import express from 'express';
import { z } from 'zod';
import { ConsoleRequestError } from '../../../domain/console.errors';
import { callerOf } from '../authenticate.middleware';
import type { ConsoleDomain } from '../console-domain';
import type { SecuredRouter } from '../secured.router';
import { parse, pathParam } from './parse';
import { BASE } from './session.routes';

const ConsentChange = z.object({
  decision: z.enum(['grant', 'revoke']),
  until: Timestamp.optional(),
});

/** Agent actions and consent, each audited by the domain. */
export function actionRoutes(secured: SecuredRouter, domain: ConsoleDomain): void {
  const msisdnOf = (req: express.Request): string => parse(Msisdn, pathParam(req, 'msisdn'), 'msisdn');
  secured.route('post', `${BASE}/subscribers/:msisdn/actions/diagnostics`, async (req, res) => {
    res.status(202).json(await domain.actions.rerunDiagnostics(callerOf(res).principal, msisdnOf(req)));
  });
  secured.route('post', `${BASE}/subscribers/:msisdn/actions/resend-settings`, async (req, res) => {
    res.status(202).json(await domain.actions.resendSettings(callerOf(res).principal, msisdnOf(req)));
  });
  secured.route('get', `${BASE}/subscribers/:msisdn/consent`, async (req, res) => {
    const page = await domain.lookup.byMsisdn(callerOf(res).principal, msisdnOf(req));
    res.json({ msisdn: page.subscriber?.msisdn, consent: page.consent });
  });
  secured.route(
    'put',
    `${BASE}/subscribers/:msisdn/consent/:category`,
    express.json({ limit: '4kb' }),
    async (req, res) => {
      const category = parse(ConsentCategory, pathParam(req, 'category'), 'consent category');
      const change = parse(ConsentChange, req.body, 'consent');
      if (change.until !== undefined && Date.parse(change.until) <= Date.now())
        throw new ConsoleRequestError('consent: until must be a time in the future');
      res.json(
        await domain.actions.setConsent(callerOf(res).principal, msisdnOf(req), {
          category,
          decision: change.decision,
          ...(change.until === undefined ? {} : { until: change.until }),
        }),
      );
    },
  );
}
