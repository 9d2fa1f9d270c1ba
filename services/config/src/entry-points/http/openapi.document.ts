import { DeviceConfigState, SettingKind } from '@dms/contracts';
import { z } from 'zod';
import { NewProfile, ProfileBody } from '../../domain/profile.model';
import { TemplateBody } from '../../domain/template.model';
import { campaignsOpenApi } from '../../campaigns';

const schema = (s: z.ZodType): unknown => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });

const problem = { description: 'problem+json', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const json = (ref: string, description = 'OK') => ({ description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const body = (ref: string) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const path = (name: string, description: string) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description });
const errors = { '400': problem, '401': problem };

let cached: unknown;

/** OpenAPI 3.1 of /api/v1/config; request schemas are generated from the zod schemas the router validates with. */
export function openApiDocument(): unknown {
  cached ??= withCampaigns({
    openapi: '3.1.0',
    info: { title: 'DMS config', version: '1.0.0', description: 'Settings profiles, device-family templates, per-device config state' },
    security: [{ bearer: [] }],
    paths: {
      '/api/v1/config/profiles': {
        get: { summary: 'Every profile, newest version (Internet password shown only as passwordSet)', responses: { '200': json('ProfileList'), ...errors } },
        post: { summary: 'Create a profile (version 1)', requestBody: body('NewProfile'), responses: { '201': json('Profile', 'Created'), '409': problem, ...errors } },
      },
      '/api/v1/config/profiles/{id}': {
        get: {
          summary: 'A profile, newest or ?version=n',
          parameters: [path('id', 'profile id'), { name: 'version', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } }],
          responses: { '200': json('Profile'), '404': problem, ...errors },
        },
        put: {
          summary: 'Write a new version (a left-out Internet password keeps the previous one)',
          parameters: [path('id', 'profile id')],
          requestBody: body('ProfileBody'),
          responses: { '200': json('Profile'), '404': problem, '409': problem, ...errors },
        },
      },
      '/api/v1/config/templates': { get: { summary: 'Every template with its match rules', responses: { '200': json('TemplateList'), ...errors } } },
      '/api/v1/config/templates/{id}': {
        get: { summary: 'One template', parameters: [path('id', 'template id')], responses: { '200': json('Template'), '404': problem, ...errors } },
        put: {
          summary: 'Create or replace a template (family, match rules, priority, profile)',
          parameters: [path('id', 'template id')],
          requestBody: body('TemplateBody'),
          responses: { '200': json('Template'), '201': json('Template', 'Created'), ...errors },
        },
      },
      '/api/v1/config/devices/{deviceId}': {
        get: { summary: 'What config last did on a handset', parameters: [path('deviceId', 'DM device id, e.g. IMEI:356938035643809')], responses: { '200': json('DeviceConfigState'), '404': problem, ...errors } },
      },
      '/api/v1/config/devices/{deviceId}/resend': {
        post: {
          summary: 'Push the profile again (all basic settings, or those listed); consent is checked as for automatic pushes',
          parameters: [path('deviceId', 'DM device id')],
          requestBody: { required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/ResendBody' } } } },
          responses: { '202': json('ResendAccepted', 'Accepted'), '422': problem, ...errors },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        NewProfile: schema(NewProfile),
        ProfileBody: schema(ProfileBody),
        Profile: { type: 'object', required: ['id', 'version', 'name', 'createdAt'], properties: { id: { type: 'string' }, version: { type: 'integer' }, name: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } }, additionalProperties: true },
        ProfileList: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Profile' } } } },
        TemplateBody: schema(TemplateBody),
        Template: { allOf: [{ $ref: '#/components/schemas/TemplateBody' }, { type: 'object', required: ['id', 'updatedAt'], properties: { id: { type: 'string' }, updatedAt: { type: 'string' } } }] },
        TemplateList: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Template' } } } },
        DeviceConfigState: schema(DeviceConfigState),
        ResendBody: { type: 'object', properties: { settings: { type: 'array', minItems: 1, items: schema(SettingKind) }, msisdn: { type: 'string', pattern: '^\\d{6,15}$' } }, additionalProperties: false },
        ResendAccepted: { type: 'object', required: ['jobId'], properties: { jobId: { type: 'string' } } },
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code'],
          properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, code: { type: 'string' }, retriable: { type: 'boolean' }, details: { type: 'object' } },
        },
      },
    },
  });
  return cached;
}

/** Campaign paths are relative to /api/v1 (their router mounts there); their schemas join ours. */
function withCampaigns<D extends { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>(doc: D): unknown {
  const paths = Object.fromEntries(Object.entries(campaignsOpenApi.paths).map(([p, ops]) => [`/api/v1${p}`, ops]));
  return {
    ...doc,
    paths: { ...doc.paths, ...paths },
    components: { ...doc.components, schemas: { ...doc.components.schemas, ...campaignsOpenApi.components.schemas } },
  };
}
