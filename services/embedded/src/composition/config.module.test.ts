import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsentState, EventData, ReportCompleted, TopicName } from '@dms/contracts';
import { createDmGateway, defaultSettings, type DmGateway } from '@dms/dm-gateway';
import { deviceFamilies, imeiFor, SimulatedHandset, type DeviceFamilyName, type UiAnswers } from '@dms/device-sim';
import { createLogger, problemHandler, startHttpServer, type RunningHttpServer } from '@dms/service-kit';
import express from 'express';
import type { EmbeddedConfig } from '../config';
import { composeConfig } from './config.module';
import { EmbeddedRuntime } from './embedded-runtime';
import type { EmbeddedService } from './embedded-service';

jest.setTimeout(60_000);

const TOKEN = 'embedded-test-token';
const MSISDN = '491701112233';

/**
 * config and dm-gateway composed on one EmbeddedRuntime (shared in-process bus and RPC hub),
 * a diagnostics stand-in answering diagnostics.check-consent.v1, and device-sim handsets of
 * both families with empty settings calling the gateway over HTTP.
 */
describe('config in the one process: report in, settings on the handset', () => {
  const logger = createLogger({ service: 'embedded-test', level: process.env['DMS_TEST_LOG'] === '1' ? 'debug' : 'silent' });
  let dir: string;
  let runtime: EmbeddedRuntime;
  let gateway: DmGateway;
  let config: EmbeddedService;
  let http: RunningHttpServer;
  let consent: ConsentState = 'granted';
  let serial = 500;
  const seen: { topic: TopicName; data: unknown }[] = [];
  const of = <T extends TopicName>(topic: T, deviceId: string) =>
    seen.filter((e) => e.topic === topic).map((e) => e.data as EventData<T>).filter((d) => (d as { deviceId: string }).deviceId === deviceId);
  const eventually = async (check: () => void): Promise<void> => {
    for (let i = 0; ; i++) {
      try {
        return check();
      } catch (err) {
        if (i > 500) throw err;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dms-config-embedded-'));
    runtime = await EmbeddedRuntime.open({ dataDir: dir, synchronous: 'normal', logger });
    gateway = createDmGateway({
      bus: runtime.busFor('/services/dm-gateway'),
      rpc: runtime.rpcFor('dm-gateway'),
      store: runtime.storeFor('dm-gateway'),
      sessionState: runtime.cacheFor(),
      logger,
      config: defaultSettings({ adminToken: TOKEN, jobSweepIntervalMs: 0 }),
    });
    config = composeConfig(runtime, {} as EmbeddedConfig, TOKEN, logger);
    await runtime.rpcFor('diagnostics').serve({ subject: 'diagnostics.check-consent.v1', handler: async () => ({ state: consent }) });
    for (const topic of ['dm.command-requested.v1', 'config.applied.v1', 'config.failed.v1'] as const)
      await runtime.bus.subscribe({ topic, group: `test-${topic}`, fromBeginning: true, handler: async (e) => void seen.push({ topic, data: e.data }) });
    const app = express();
    app.use(gateway.router);
    app.use(config.router);
    app.use(problemHandler(logger));
    await gateway.start();
    await config.start();
    http = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await http.close();
    await config.stop();
    await gateway.stop();
    await runtime.closeRpc();
    await runtime.closeBus();
    await runtime.closeStores();
    rmSync(dir, { recursive: true, force: true });
  });

  async function handset(family: DeviceFamilyName, uiAnswers: UiAnswers = {}): Promise<SimulatedHandset> {
    const deviceId = imeiFor('35693899', serial++);
    const account = { deviceId, username: `u${serial}`, password: 'client-pw', authType: 'md5', serverId: 'dms', serverPassword: 'server-pw' };
    const res = await fetch(`${http.url}/api/v1/dm-accounts`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(account) });
    expect(res.status).toBe(201);
    return new SimulatedHandset({
      deviceId,
      family,
      encoding: family === 'vendor-x' ? 'wbxml' : 'xml',
      serverUrl: `${http.url}/dm`,
      settings: 'none',
      uiAnswers,
      auth: { scheme: 'md5', username: account.username, password: account.password, serverId: 'dms', serverPassword: 'server-pw' },
    });
  }

  const report = (phone: SimulatedHandset): ReportCompleted => ({
    reportId: `rep-${phone.deviceId}`,
    deviceId: phone.deviceId,
    msisdn: MSISDN,
    trigger: 'combination-detected',
    outcome: 'complete',
    findings: [
      { kind: 'setting-missing', setting: 'mms' },
      { kind: 'setting-missing', setting: 'internet-apn' },
    ],
    device: { manufacturer: phone.family.identity.man, model: phone.family.identity.mod },
    completedAt: new Date().toISOString(),
  });

  it.each(['oma-standard', 'vendor-x'] as const)('%s: the handset ends up holding the profile MMS and Internet values, config.applied published', async (family) => {
    consent = 'granted';
    const phone = await handset(family);
    const identity = deviceFamilies[family].identity;
    await runtime.busFor('/services/diagnostics').publish('diagnostics.report-completed.v1', report(phone));
    await eventually(() => expect(of('dm.command-requested.v1', phone.deviceId)).toHaveLength(1));

    const session = await phone.startSession({ reason: 'server' });

    expect(session.outcome).toBe('completed');
    await eventually(() => expect(of('config.applied.v1', phone.deviceId)).toHaveLength(1));
    expect(of('config.applied.v1', phone.deviceId)[0]).toMatchObject({ settings: ['mms', 'internet-apn'], profileId: 'operator-default' });
    const { expected } = await runtime.rpcFor('test').request('config.expected-settings.v1', { manufacturer: identity.man, model: identity.mod });
    const pushed = expected!.expected.filter((e) => e.setting === 'mms' || e.setting === 'internet-apn');
    expect(pushed.length).toBeGreaterThanOrEqual(4);
    for (const { nodeUri, value } of pushed) expect([nodeUri, phone.tree.text(nodeUri)]).toEqual([nodeUri, value]);
    const mmsc = family === 'oma-standard' ? './MMS/DmsMMS/MMSC' : './Vendor/X/Settings/MMS/MMSC';
    expect(phone.tree.text(mmsc)).toBe('http://mmsc.operator.example/mms');
  });

  it('consent not asked and the user says no: the handset is unchanged, config.failed user-rejected', async () => {
    consent = 'not-asked';
    const phone = await handset('oma-standard', { confirm: 'no' });
    await runtime.busFor('/services/diagnostics').publish('diagnostics.report-completed.v1', report(phone));
    await eventually(() => expect(of('dm.command-requested.v1', phone.deviceId)).toHaveLength(1));
    expect(of('dm.command-requested.v1', phone.deviceId)[0]!.userInteraction?.code).toBe(1101);

    await phone.startSession({ reason: 'server' });

    await eventually(() => expect(of('config.failed.v1', phone.deviceId)).toHaveLength(1));
    expect(of('config.failed.v1', phone.deviceId)[0]).toMatchObject({ reason: 'user-rejected', willRetry: false });
    expect(phone.interactions.map((i) => i.alert)).toEqual([1101]);
    expect(phone.tree.childNames('./MMS')).toEqual([]);
    expect(phone.tree.childNames('./ConnMO/NAP')).toEqual([]);
  });

  it('consent revoked: no job, config.failed consent-revoked', async () => {
    consent = 'revoked';
    const phone = await handset('vendor-x');
    await runtime.busFor('/services/diagnostics').publish('diagnostics.report-completed.v1', report(phone));
    await eventually(() => expect(of('config.failed.v1', phone.deviceId)).toHaveLength(1));
    expect(of('config.failed.v1', phone.deviceId)[0]).toMatchObject({ reason: 'consent-revoked', willRetry: false });
    await phone.startSession({ reason: 'client' });
    expect(of('dm.command-requested.v1', phone.deviceId)).toEqual([]);
    expect(phone.tree.text('./Vendor/X/Settings/MMS/MMSC')).toBe('');
  });
});
