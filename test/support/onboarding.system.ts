/**
 * The services of onboarding (hlr-detector, subscriber-terminal, dm-gateway, diagnostics,
 * config) and firmware, built by their own factories on the adapters given (embedded or
 * distributed), their routers on one HTTP port like the embedded process, with the
 * gateway's Package 0 wake-up going to the DeviceWakeUp given (the Perl SMSC over SMPP,
 * or the radio of radio.wake-up.ts).
 */
import express from 'express';
import { createConfigService, defaultConfigSettings } from '../../services/config/src/index';
import { createDiagnostics, defaultDiagnosticsSettings, DIAGNOSTICS_SOURCE } from '../../services/diagnostics/src/index';
import { createDmGateway, defaultSettings } from '../../services/dm-gateway/src/index';
import { createFirmwareService, defaultFirmwareSettings, FIRMWARE_SOURCE } from '../../services/firmware/src/index';
import type { DeviceWakeUp } from '../../services/dm-gateway/src/domain/device-wake-up.port';
import { createHlrDetector, HLR_DETECTOR_SOURCE } from '../../services/hlr-detector/src/index';
import { createSubscriberTerminal } from '../../services/subscriber-terminal/src/index';
import { problemHandler, startHttpServer, type RunningHttpServer } from '../../libs/service-kit/src/index';
import { testLogger, type AdapterFactory } from './service-adapters';

export const SYSTEM_ADMIN_TOKEN = 'onboarding-admin-token';
export const SYSTEM_SERVER_ID = 'dms';

interface Part {
  readonly router: express.Router;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface OnboardingSystem {
  readonly url: string;
  readonly dmUrl: string;
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

export interface SystemOptions {
  /** firmware offers an update when diagnostics finds the firmware outdated (DMS_FW_AUTO_UPDATE). */
  firmwareAutoUpdate?: boolean;
  /** How often firmware's rollouts step (DMS_FW_TICK_MS). */
  firmwareTickMs?: number;
}

export async function startOnboardingSystem(adapters: AdapterFactory, wakeUp: DeviceWakeUp, options: SystemOptions = {}): Promise<OnboardingSystem> {
  const adminToken = SYSTEM_ADMIN_TOKEN;
  const app = express();
  app.set('trust proxy', true);
  // Listening first: firmware writes this address into the download URLs it gives handsets.
  const http: RunningHttpServer = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
  // As the embedded process: keep-alive sockets outlive a loaded session's pauses.
  http.server.keepAliveTimeout = 15_000;
  const fw = await adapters.forService('firmware', FIRMWARE_SOURCE);
  const hlr = await adapters.forService('hlr-detector', HLR_DETECTOR_SOURCE);
  const st = await adapters.forService('subscriber-terminal', '/services/subscriber-terminal');
  const gw = await adapters.forService('dm-gateway', '/services/dm-gateway');
  const diag = await adapters.forService('diagnostics', DIAGNOSTICS_SOURCE);
  const cfg = await adapters.forService('config', '/services/config');
  const parts: Part[] = [
    createHlrDetector({ ...hlr, logger: testLogger('hlr-detector'), config: { adminToken, consumerGroup: 'hlr-detector', cacheTtlMs: 3_600_000, localCacheEntries: 200_000, lastSeenWriteIntervalMs: 300_000 } }),
    createSubscriberTerminal({
      ...st,
      logger: testLogger('subscriber-terminal'),
      config: { adminToken, consumerGroup: 'subscriber-terminal', catalogCacheTtlMs: 600_000, catalogCacheEntries: 50_000, retentionDays: 365, historyOnRemoval: 'drop', cleanupIntervalMs: 0, directoryTimeoutMs: 300, planServices: {} },
    }),
    createDiagnostics({ ...diag, logger: testLogger('diagnostics'), config: defaultDiagnosticsSettings({ adminToken }) }),
    createConfigService({ ...cfg, logger: testLogger('config'), config: defaultConfigSettings({ adminToken, consumerGroup: 'config' }) }),
    createFirmwareService({
      ...fw,
      logger: testLogger('firmware'),
      config: defaultFirmwareSettings({
        adminToken,
        downloadSecret: 'onboarding-firmware-download-secret-0123',
        publicBaseUrl: http.url,
        consumerGroup: 'firmware',
        autoUpdate: options.firmwareAutoUpdate ?? false,
        ...(options.firmwareTickMs === undefined ? {} : { tickMs: options.firmwareTickMs }),
      }),
    }),
    createDmGateway({
      bus: gw.bus,
      rpc: gw.rpc,
      store: gw.store,
      sessionState: gw.cache,
      wakeUp,
      logger: testLogger('dm-gateway'),
      // The sweep reports jobs of sessions that broke off (interrupted), so their owners can retry.
      config: defaultSettings({ adminToken, serverId: SYSTEM_SERVER_ID, consumerGroup: 'dm-gateway', jobSweepIntervalMs: 5_000, sessionTtlMs: 20_000 }),
    }),
  ];
  for (const part of parts) app.use(part.router);
  app.use(problemHandler(testLogger('system')));
  for (const part of parts) await part.start();
  return {
    url: http.url,
    dmUrl: `${http.url}/dm`,
    async api(method, path, body) {
      const res = await fetch(`${http.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
    },
    async stop() {
      await http.close();
      for (const part of [...parts].reverse()) await part.stop();
    },
  };
}
