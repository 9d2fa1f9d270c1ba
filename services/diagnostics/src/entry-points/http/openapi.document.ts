import { ConsentGrant, DiagnosticReport } from '@dms/contracts';
import { z } from 'zod';
import { ConsentBody, RunBody } from './request.schemas';

const schema = (s: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' });
const problem = { description: 'problem+json (RFC 7807)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const errors = { '400': problem, '401': problem };
const ok = (description: string, ref: unknown) => ({ description, content: { 'application/json': { schema: ref } } });
const msisdn = { name: 'msisdn', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{6,15}$' } };
const security = [{ bearer: [] }];

let cached: unknown;

/** OpenAPI 3.1 of the REST API; schemas come from the same zod definitions the router and the contracts use. */
export function openApiDocument(): unknown {
  cached ??= {
    openapi: '3.1.0',
    info: { title: 'DMS diagnostics', version: '1.0.0', description: 'Consent grants, diagnostic runs and reports.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Problem: { type: 'object', required: ['type', 'title', 'status', 'code'], properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, code: { type: 'string' }, retriable: { type: 'boolean' }, details: { type: 'object' } } },
        ConsentGrant: schema(ConsentGrant),
        DiagnosticReport: schema(DiagnosticReport),
      },
    },
    paths: {
      '/subscribers/{msisdn}/consent': {
        get: { summary: 'Every consent category of a subscriber (undecided or lapsed ones read not-asked)', security, parameters: [msisdn], responses: { '200': ok('grants', { type: 'object', properties: { msisdn: { type: 'string' }, grants: { type: 'array', items: { $ref: '#/components/schemas/ConsentGrant' } } } }), ...errors } },
      },
      '/subscribers/{msisdn}/consent/{category}': {
        put: {
          summary: 'Grant (permanently or until a time) or revoke one category; audited',
          security,
          parameters: [msisdn, { name: 'category', in: 'path', required: true, schema: { enum: ['read-diagnostics', 'change-settings', 'install-software', 'update-firmware'] } }],
          requestBody: { required: true, content: { 'application/json': { schema: schema(ConsentBody, 'input') } } },
          responses: { '200': ok('the category as it now stands', { $ref: '#/components/schemas/ConsentGrant' }), ...errors },
        },
      },
      '/subscribers/{msisdn}/consent/audit': {
        get: { summary: 'Every consent change of a subscriber, newest first: who, when, before, after', security, parameters: [msisdn], responses: { '200': ok('audit entries', { type: 'object', properties: { items: { type: 'array', items: { type: 'object' } } } }), ...errors } },
      },
      '/diagnostics/runs': {
        post: {
          summary: 'Start a diagnostic run on a handset (by MSISDN through subscriber-terminal, or by DM device id)',
          security,
          requestBody: { required: true, content: { 'application/json': { schema: schema(RunBody, 'input') } } },
          responses: { '202': ok('run started; the report fills in when the handset answered', { type: 'object', properties: { reportId: { type: 'string' }, deviceId: { type: 'string' } } }), ...errors, '404': problem, '503': problem },
        },
      },
      '/diagnostics/reports': {
        get: {
          summary: 'Reports of a subscriber or a device, newest first',
          security,
          parameters: ['msisdn', 'deviceId', 'limit'].map((name) => ({ name, in: 'query', required: false, schema: name === 'limit' ? { type: 'integer', minimum: 1, maximum: 200, default: 20 } : { type: 'string' } })),
          responses: { '200': ok('reports', { type: 'object', properties: { reports: { type: 'array', items: { $ref: '#/components/schemas/DiagnosticReport' } } } }), ...errors },
        },
      },
      '/diagnostics/reports/{reportId}': {
        get: { summary: 'One report', security, parameters: [{ name: 'reportId', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': ok('the report', { $ref: '#/components/schemas/DiagnosticReport' }), ...errors, '404': problem } },
      },
      '/diagnostics/openapi.json': {
        get: { summary: 'This document (no token needed)', security: [], responses: { '200': ok('OpenAPI 3.1', { type: 'object' }) } },
      },
    },
  };
  return cached;
}
