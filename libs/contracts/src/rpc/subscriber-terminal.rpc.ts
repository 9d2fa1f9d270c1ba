import { z } from 'zod';
import { Msisdn } from '../identifiers';

/**
 * RPC subjects of subscriber-terminal (the same lookups as its REST API). Registered in
 * rpc-catalog.ts by spreading `...subscriberTerminalRpc` into `rpcCatalog`.
 */
const Eligibility = z.union([
  z.literal('unknown'),
  z.object({
    data: z.boolean(),
    mms: z.boolean(),
    services: z.record(z.string(), z.boolean()).optional(),
    plan: z.string().optional(),
    source: z.string(),
    checkedAt: z.string(),
  }),
]);

const TerminalSummary = z.object({
  imei: z.string(),
  tac: z.string(),
  manufacturer: z.string().optional(),
  model: z.string().optional(),
  os: z.string().optional(),
  fwV: z.string().optional(),
});

const CatalogData = z.object({
  tac: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  os: z.string().optional(),
  origin: z.enum(['imported', 'learned']),
  confidence: z.number(),
  conflicts: z.number(),
  extra: z.record(z.string(), z.string()).optional(),
  updatedAt: z.string(),
});

const Terminal = z.object({
  imei: z.string(),
  givenImei: z.string(),
  imeisv: z.string().optional(),
  currentMsisdn: z.string().optional(),
  inventoryAt: z.string().optional(),
  dm: z
    .object({
      dmVersion: z.string().optional(),
      devTyp: z.string().optional(),
      lrgObj: z.boolean().optional(),
      maxDepth: z.number().optional(),
      maxTotLen: z.number().optional(),
      maxSegLen: z.number().optional(),
    })
    .optional(),
  tac: z.string(),
  manufacturer: z.string().optional(),
  model: z.string().optional(),
  os: z.string().optional(),
  fwV: z.string().optional(),
  swV: z.string().optional(),
  hwV: z.string().optional(),
  lastSeenAt: z.string(),
  catalog: CatalogData.nullable(),
});

const SubscriberCommon = {
  msisdn: z.string(),
  imsi: z.string(),
  tenantId: z.string().optional(),
  attributes: z.record(z.string(), z.string()),
  eligibility: Eligibility,
  lastSeenAt: z.string(),
};

const History = z.array(
  z.object({ imei: z.string(), from: z.string(), to: z.string().nullable(), sourceEventId: z.string() }),
);

export const subscriberTerminalRpc = {
  'subscriber-terminal.get-subscriber.v1': {
    request: z.object({ msisdn: Msisdn }),
    response: z.object({
      subscriber: z
        .object({ ...SubscriberCommon, terminal: Terminal.nullable(), history: History })
        .nullable(),
    }),
    doc: 'A subscriber with its current handset (catalog data included), attributes, eligibility and history; null if unknown.',
  },
  'subscriber-terminal.get-terminal.v1': {
    request: z.object({ imei: z.string().regex(/^\d{14,16}$/) }),
    response: z.object({ terminal: Terminal.nullable() }),
    doc: 'A terminal by IMEI (14 or 15 digits, or an IMEISV) with its catalog data; null if unknown.',
  },
  'subscriber-terminal.query.v1': {
    request: z.object({ criteria: z.record(z.string(), z.string()) }),
    response: z.object({
      items: z.array(z.object({ ...SubscriberCommon, terminal: TerminalSummary.nullable() })),
      nextCursor: z.string().nullable(),
    }),
    doc: 'Bulk targeting: the criteria of GET /api/v1/subscribers (model, tac, attr.<name>, limit, cursor...).',
  },
} as const;
