import { z } from 'zod';
import { CAMPAIGN_STATES, CreateCampaign, DEVICE_STATES } from '../domain/campaign.model';

type JsonObject = Record<string, unknown>;

/** JSON Schema of a zod schema with its shared definitions moved under components/schemas. */
function schemaOf(schema: z.ZodType, prefix: string): { schema: JsonObject; defs: JsonObject } {
  const { $schema: _s, $defs, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
  const rename = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', `"#/components/schemas/${prefix}`));
  const defs = Object.fromEntries(Object.entries(($defs as JsonObject | undefined) ?? {}).map(([k, v]) => [`${prefix}${k}`, rename(v)]));
  return { schema: rename(rest) as JsonObject, defs };
}

const create = schemaOf(CreateCampaign, 'CreateCampaign_');
const problem = { description: 'problem+json (RFC 7807)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/CampaignProblem' } } } };
const json = (ref: string, description: string) => ({ description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^cmp-[0-9a-z]+$' } };
const control = (action: string, doc: string) => ({
  post: {
    tags: ['campaigns'],
    summary: doc,
    operationId: `${action}Campaign`,
    parameters: [idParam],
    responses: { '200': json('Campaign', 'the campaign after the step'), '400': problem, '401': problem, '404': problem, '409': problem },
  },
});

/**
 * The campaigns part of config's OpenAPI 3.1 document: paths relative to `/api/v1` and the
 * schemas they use. The config core merges `paths` and `components.schemas` into its own.
 */
export const campaignsOpenApi = {
  paths: {
    '/campaigns': {
      get: {
        tags: ['campaigns'],
        summary: 'List campaigns in creation order',
        operationId: 'listCampaigns',
        parameters: [
          { name: 'state', in: 'query', schema: { type: 'string', enum: [...CAMPAIGN_STATES] } },
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        ],
        responses: { '200': json('CampaignList', 'a page of campaigns'), '400': problem, '401': problem },
      },
      post: {
        tags: ['campaigns'],
        summary: 'Create a campaign (draft)',
        operationId: 'createCampaign',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateCampaign' } } } },
        responses: { '201': json('Campaign', 'the draft campaign'), '400': problem, '401': problem },
      },
    },
    '/campaigns/{id}': {
      get: {
        tags: ['campaigns'],
        summary: 'A campaign with live progress: counts per device state, rate and ETA',
        operationId: 'getCampaign',
        parameters: [idParam],
        responses: { '200': json('CampaignWithProgress', 'the campaign'), '400': problem, '401': problem, '404': problem },
      },
    },
    '/campaigns/{id}/devices': {
      get: {
        tags: ['campaigns'],
        summary: "A page of the campaign's devices, optionally of one state",
        operationId: 'listCampaignDevices',
        parameters: [
          idParam,
          { name: 'state', in: 'query', schema: { type: 'string', enum: [...DEVICE_STATES] } },
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
        ],
        responses: { '200': json('CampaignDevicePage', 'devices in target order'), '400': problem, '401': problem, '404': problem },
      },
    },
    '/campaigns/{id}/start': control('start', 'Start a draft campaign'),
    '/campaigns/{id}/pause': control('pause', 'Pause a running campaign (jobs already sent still finish)'),
    '/campaigns/{id}/resume': control('resume', 'Resume a paused campaign'),
    '/campaigns/{id}/cancel': control('cancel', 'Cancel: devices not yet sent end cancelled'),
  },
  components: {
    schemas: {
      ...create.defs,
      CampaignProblem: {
        type: 'object',
        required: ['type', 'title', 'status', 'code'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          code: { type: 'string' },
          retriable: { type: 'boolean' },
          details: { type: 'object' },
        },
      },
      CreateCampaign: create.schema,
      Campaign: {
        allOf: [
          { $ref: '#/components/schemas/CreateCampaign' },
          {
            type: 'object',
            required: ['id', 'state', 'createdAt', 'updatedAt'],
            properties: {
              id: { type: 'string' },
              state: { type: 'string', enum: [...CAMPAIGN_STATES] },
              createdAt: { type: 'string', format: 'date-time' },
              updatedAt: { type: 'string', format: 'date-time' },
              startedAt: { type: 'string', format: 'date-time' },
              finishedAt: { type: 'string', format: 'date-time' },
              stopReason: { type: 'string', enum: ['cancelled', 'window-ended'] },
            },
          },
        ],
      },
      CampaignWithProgress: {
        allOf: [
          { $ref: '#/components/schemas/Campaign' },
          {
            type: 'object',
            required: ['progress'],
            properties: {
              progress: {
                type: 'object',
                properties: {
                  counts: {
                    type: 'object',
                    properties: Object.fromEntries(['total', ...DEVICE_STATES].map((s) => [s, { type: 'integer' }])),
                  },
                  enumeration: { type: 'object', properties: { done: { type: 'boolean' }, enumerated: { type: 'integer' } } },
                  rate: { type: 'object', properties: { perSecond: { type: 'number' }, limit: { type: 'number' } } },
                  eta: { type: ['string', 'null'], format: 'date-time' },
                },
              },
            },
          },
        ],
      },
      CampaignList: {
        type: 'object',
        properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Campaign' } }, nextCursor: { type: ['string', 'null'] } },
      },
      CampaignDevicePage: {
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: {
              type: 'object',
              required: ['key', 'state', 'attempts'],
              properties: {
                key: { type: 'string' },
                deviceId: { type: 'string' },
                msisdn: { type: 'string' },
                state: { type: 'string', enum: [...DEVICE_STATES] },
                reason: { type: 'string' },
                attempts: { type: 'integer' },
                jobId: { type: 'string' },
              },
            },
          },
          nextCursor: { type: ['string', 'null'] },
        },
      },
    },
  },
} as const;
