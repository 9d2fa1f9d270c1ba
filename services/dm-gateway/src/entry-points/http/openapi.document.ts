/** OpenAPI 3.1 description of /api/v1 (served at /api/v1/openapi.json; a test checks it matches the router). */
const problem = { description: 'Problem (RFC 7807)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const deviceId = { name: 'deviceId', in: 'path', required: true, schema: { type: 'string' }, example: 'IMEI:356938035643809' };
const secured = { security: [{ bearer: [] }] };

export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'dm-gateway admin API', version: '1.0.0', description: 'DM accounts, per-device DM jobs and the session log of the OMA DM 1.2 gateway.' },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Problem: { type: 'object', properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } } },
      DmAccountInput: {
        type: 'object',
        required: ['deviceId', 'username', 'password', 'authType', 'serverId', 'serverPassword'],
        properties: { deviceId: { type: 'string' }, username: { type: 'string' }, password: { type: 'string', writeOnly: true }, authType: { enum: ['basic', 'md5', 'hmac'] }, serverId: { type: 'string' }, serverPassword: { type: 'string', writeOnly: true } },
      },
      DmAccount: { type: 'object', properties: { deviceId: { type: 'string' }, username: { type: 'string' }, authType: { enum: ['basic', 'md5', 'hmac'] }, serverId: { type: 'string' }, source: { enum: ['stored', 'derived'] } } },
      DmCommand: {
        type: 'object',
        required: ['verb'],
        properties: { verb: { enum: ['Get', 'Replace', 'Add', 'Delete', 'Exec', 'Copy', 'Atomic', 'Sequence'] }, target: { type: 'string' }, source: { type: 'string' }, data: { type: 'string' }, format: { type: 'string' }, type: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/DmCommand' } } },
      },
      JobInput: {
        type: 'object',
        required: ['commands'],
        properties: {
          commands: { type: 'array', items: { $ref: '#/components/schemas/DmCommand' } },
          userInteraction: { type: 'object', properties: { code: { enum: [1100, 1101, 1102, 1103, 1104] }, text: { type: 'string' } } },
          priority: { enum: ['low', 'normal', 'high'] },
          expiresAt: { type: 'string', format: 'date-time' },
          notify: { type: 'boolean', description: 'Send a Package 0 wake-up SMS' },
          msisdn: { type: 'string', pattern: '^\\d{6,15}$', description: 'MSISDN of the wake-up SMS (E.164 without +); unset = the current MSISDN subscriber-terminal knows for an IMEI: device id' },
          correlationId: { type: 'string' },
        },
      },
      Job: {
        type: 'object',
        properties: {
          jobId: { type: 'string' },
          deviceId: { type: 'string' },
          state: { enum: ['queued', 'running', 'completed', 'partial', 'failed', 'declined', 'expired', 'interrupted'] },
          results: { type: 'array', items: { type: 'object', properties: { cmdRef: { type: 'string' }, verb: { type: 'string' }, target: { type: 'string' }, status: { type: 'integer' }, items: { type: 'array' } } } },
        },
      },
    },
  },
  paths: {
    '/api/v1/dm-accounts': {
      post: { ...secured, summary: 'Create or replace the DM account of a device', requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/DmAccountInput' } } } }, responses: { '201': { description: 'Saved (no secrets returned)', content: { 'application/json': { schema: { $ref: '#/components/schemas/DmAccount' } } } }, '400': problem, '401': problem } },
    },
    '/api/v1/dm-accounts/{deviceId}': {
      get: { ...secured, summary: 'The DM account of a device, without secrets', parameters: [deviceId], responses: { '200': { description: 'Account', content: { 'application/json': { schema: { $ref: '#/components/schemas/DmAccount' } } } }, '401': problem, '404': problem } },
      delete: { ...secured, summary: 'Delete the stored DM account', parameters: [deviceId], responses: { '204': { description: 'Deleted' }, '401': problem, '404': problem } },
    },
    '/api/v1/devices/{deviceId}/jobs': {
      post: { ...secured, summary: 'Queue a DM job for the device’s next session', parameters: [deviceId], requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/JobInput' } } } }, responses: { '201': { description: 'Queued', content: { 'application/json': { schema: { $ref: '#/components/schemas/Job' } } } }, '400': problem, '401': problem } },
    },
    '/api/v1/devices/{deviceId}/jobs/{jobId}': {
      get: { ...secured, summary: 'A job: state and each command’s status and results', parameters: [deviceId, { name: 'jobId', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'Job', content: { 'application/json': { schema: { $ref: '#/components/schemas/Job' } } } }, '401': problem, '404': problem } },
    },
    '/api/v1/devices/{deviceId}/sessions': {
      get: { ...secured, summary: 'Recent DM sessions of the device, newest first', parameters: [deviceId, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } }], responses: { '200': { description: 'Session log', content: { 'application/json': { schema: { type: 'object' } } } }, '401': problem } },
    },
  },
} as const;
