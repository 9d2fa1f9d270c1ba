import { createInProcessEventBus, type EventBus, type Rpc } from '@dms/bus';
import { createInProcessRpc } from '@dms/bus/src/rpc';
import type { ConsentState, DmCommand, SettingKind } from '@dms/contracts';
import { bearerAuth, createLogger, problemHandler, startHttpServer, type RunningHttpServer } from '@dms/service-kit';
import type { DocumentStore } from '@dms/store';
import { createEmbeddedStore } from '@dms/store/src/embedded/embedded.store';
import express from 'express';
import { defaultCampaignSettings, type CampaignSettings } from '../campaign.config';
import type { CommandPlan, PlanCommands } from '../domain/campaign.ports';
import { createCampaigns, type Campaigns } from '../index';

export const TOKEN = 'campaign-test-token';
export const PROFILE_COMMANDS: DmCommand[] = [{ verb: 'Replace', target: './Vendor/MMS/Server', data: 'http://mms.example', format: 'chr' }];

/** Profile "op-profile" v3 for every model but Pixel 6, which has no template. */
export const planCommands: PlanCommands = async (target, settings?: SettingKind[]): Promise<CommandPlan | undefined> =>
  target.model === 'Pixel 6'
    ? undefined
    : { commands: PROFILE_COMMANDS, profileId: 'op-profile', profileVersion: 3, settings: settings ?? ['mms', 'internet-apn'] };

export const testSettings = (overrides: Partial<CampaignSettings> = {}): CampaignSettings => ({
  ...defaultCampaignSettings,
  campaignPageSize: 50,
  campaignTickMs: 30,
  campaignConsentTimeoutMs: 200,
  ...overrides,
});

export const logger = createLogger({ service: 'config-campaigns-test', level: (process.env['CAMPAIGN_TEST_LOG'] as 'silent') ?? 'silent' });

export interface CampaignsHarness {
  bus: EventBus;
  rpc: Rpc;
  store: DocumentStore;
  campaigns: Campaigns;
  http: RunningHttpServer;
  /** Stops the module and creates it again on the same adapters (a process restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** The campaign module on the given adapters (in-process bus and RPC, embedded store by default), REST on port 0. */
export async function startCampaigns(
  parts: { bus?: EventBus; rpc?: Rpc; store?: DocumentStore; settings?: Partial<CampaignSettings> } = {},
): Promise<CampaignsHarness> {
  const bus = parts.bus ?? createInProcessEventBus({ source: '/services/config', logger });
  const rpc = parts.rpc ?? createInProcessRpc();
  const store = parts.store ?? createEmbeddedStore({ file: ':memory:' });
  const make = () =>
    createCampaigns({ bus, rpc, store, logger, config: testSettings(parts.settings), planCommands, auth: bearerAuth(TOKEN) });
  const harness = { bus, rpc, store, campaigns: make() } as CampaignsHarness;
  const app = express();
  app.use((req, res, next) => harness.campaigns.router(req, res, next));
  app.use(problemHandler(logger));
  await harness.campaigns.start();
  harness.http = await startHttpServer(app, { port: 0 });
  harness.restart = async () => {
    await harness.campaigns.stop();
    harness.campaigns = make();
    await harness.campaigns.start();
  };
  harness.close = async () => {
    await harness.campaigns.stop();
    await harness.http.close();
  };
  return harness;
}

/** diagnostics.check-consent.v1 answered from a function of the MSISDN (diagnostics is another service). */
export function serveConsent(rpc: Rpc, stateOf: (msisdn: string) => ConsentState) {
  return rpc.serve({ subject: 'diagnostics.check-consent.v1', handler: async ({ msisdn }) => ({ state: stateOf(msisdn) }) });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function api(h: CampaignsHarness, method: string, path: string, body?: unknown, token = TOKEN): Promise<{ status: number; type: string; body: any }> {
  const response = await fetch(`${h.http.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
}

export async function eventually(check: () => Promise<void> | void, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
