import { luhnValid, Msisdn } from '@dms/contracts';
import { z } from 'zod';
import { callerOf } from '../authenticate.middleware';
import type { ConsoleDomain } from '../console-domain';
import type { SecuredRouter } from '../secured.router';
import { parse, pathParam } from './parse';
import { BASE } from './session.routes';

/** 14 digits, 15 with the Luhn check digit (3GPP TS 23.003, 6.2.1), or a 16-digit IMEISV. */
const ImeiOrImeisv = z
  .string()
  .regex(/^\d{14,16}$/, '14 or 15 digits (or a 16-digit IMEISV)')
  .refine((v) => v.length !== 15 || luhnValid(v), 'the check digit (Luhn) is wrong: check the last digit');

/** The subscriber/device page by MSISDN or by IMEI (tenant-scoped: 404 outside the caller's scope). */
export function lookupRoutes(secured: SecuredRouter, domain: ConsoleDomain): void {
  secured.route('get', `${BASE}/subscribers/:msisdn`, async (req, res) => {
    const msisdn = parse(Msisdn, pathParam(req, 'msisdn'), 'msisdn');
    res.json(await domain.lookup.byMsisdn(callerOf(res).principal, msisdn));
  });
  secured.route('get', `${BASE}/terminals/:imei`, async (req, res) => {
    const imei = parse(ImeiOrImeisv, pathParam(req, 'imei'), 'imei');
    res.json(await domain.lookup.byImei(callerOf(res).principal, imei));
  });
}
