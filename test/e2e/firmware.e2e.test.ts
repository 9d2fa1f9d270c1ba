/**
 * Firmware, distributed: hlr-detector, subscriber-terminal, dm-gateway, diagnostics,
 * config and firmware each on its own Kafka client, NATS connection, FerretDB database and
 * Redis prefix, Package 0 wake-ups over SMPP through the real Perl SMSC. A manufacturer's
 * signed packages are registered; a subscriber on a handset the catalog says is outdated
 * gets the update offered by itself (HLR trigger by kcat -> diagnostics -> firmware), and a
 * group of handsets is updated by a staged rollout targeted by a subscriber query.
 */
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { imeiFor, SimulatedHandset, type DeviceFamilyName } from '../../libs/device-sim/src/index';
import { SYSTEM_ADMIN_TOKEN, SYSTEM_SERVER_ID, type OnboardingSystem } from '../support/onboarding.system';
import { startWorld, type World } from '../support/distributed.world';
import { SmscRadio } from '../support/smsc-radio';

jest.setTimeout(300_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers read loosely
type Json = any;

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 120_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new TypeError(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('firmware on Kafka, NATS, FerretDB, Redis and a real SMPP peer', () => {
  const run = randomBytes(2).readUInt16BE(0) % 1000;
  let world: World;
  let system: OnboardingSystem;
  let radio: SmscRadio;
  const keys = new Map<string, { keyId: string; privateKey: KeyObject }>();

  const raw = async (method: string, path: string, body: string | Buffer, type: string): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${system.url}${path}`, { method, headers: { authorization: `Bearer ${SYSTEM_ADMIN_TOKEN}`, 'content-type': type }, body: typeof body === 'string' ? body : new Uint8Array(body) });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
  };

  async function registerPackage(manufacturer: string, model: string, version: string, fromVersions: string[]): Promise<Json> {
    let key = keys.get(manufacturer);
    if (key === undefined) {
      const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const added = await system.api('POST', '/api/v1/firmware/keys', { manufacturer, publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }) });
      expect(added.status).toBe(201);
      key = { keyId: (added.body as Json).keyId, privateKey: pair.privateKey };
      keys.set(manufacturer, key);
    }
    const bytes = randomBytes(300 * 1024);
    const query = new URLSearchParams({ manufacturer, model, version, fromVersions: fromVersions.join(','), keyId: key.keyId, signature: sign('sha256', bytes, key.privateKey).toString('base64url') });
    const res = await raw('POST', `/api/v1/firmware/packages?${query}`, bytes, 'application/octet-stream');
    expect(res.status).toBe(201);
    return res.body;
  }

  beforeAll(async () => {
    world = await startWorld('e2e-firmware', { systemId: 'dmsfw', password: 'fw-pw' }, ['diagnostics.report-completed.v1', 'config.applied.v1', 'firmware.update-completed.v1', 'firmware.rollout-changed.v1'], { firmwareAutoUpdate: true, firmwareTickMs: 500 });
    ({ system, radio } = world);
    // The catalog: AcmePhone 1 is current at 1.1.0 (so 1.0.0 is outdated); nothing said of X-200.
    expect((await raw('POST', '/api/v1/catalog/import', 'tac,manufacturer,model,currentFwV\n35693803,Acme,AcmePhone 1,1.1.0\n', 'text/csv')).status).toBe(200);
    expect((await raw('POST', '/api/v1/catalog/import', 'tac,manufacturer,model\n35291106,Xphone,X-200\n', 'text/csv')).status).toBe(200);
  });

  afterAll(async () => {
    await world?.stop();
  });

  async function subscriber(i: number, family: DeviceFamilyName) {
    const deviceId = imeiFor(family === 'vendor-x' ? '35291106' : '35693803', 600_000 + run * 10 + i);
    const msisdn = `4916${String(run).padStart(3, '0')}0000${i}`;
    const auth = { scheme: 'md5' as const, username: `fw-${i}-${run}`, password: `pw-${i}`, serverId: SYSTEM_SERVER_ID, serverPassword: `spw-${i}` };
    expect((await system.api('POST', '/api/v1/dm-accounts', { deviceId, authType: 'md5', ...auth })).status).toBe(201);
    const handset = new SimulatedHandset({ deviceId, family, encoding: i % 2 === 0 ? 'wbxml' : 'xml', serverUrl: system.dmUrl, auth, uiAnswers: { confirm: 'yes' } });
    radio.attach(msisdn, handset);
    return { deviceId, msisdn, imsi: `26207${String(run).padStart(3, '0')}00000${i}`, imei: deviceId.slice(5), handset };
  }
  const observation = (s: { msisdn: string; imsi: string; imei: string }) =>
    `${s.msisdn}:${JSON.stringify({ msisdn: s.msisdn, imsi: s.imsi, imei: s.imei, observedAt: new Date().toISOString(), source: 'hlr-fe-e2e' })}`;

  /** The handset calls in once the session it is in (the one that ran the update) has ended. */
  async function callIn(handset: SimulatedHandset): Promise<void> {
    const report = await until(`a session of ${handset.deviceId}`, async () => {
      try {
        return await handset.startSession({ reason: 'client' });
      } catch (error) {
        if (error instanceof Error && error.message.includes('still running')) return undefined;
        throw error;
      }
    }, 30_000);
    expect(report.outcome).toBe('completed');
  }

  /** The handset restarts after the update and calls in: its next session carries the FUMO result (Generic Alert 1226). */
  async function reportWhenAccepted(s: { deviceId: string; handset: SimulatedHandset }): Promise<Json> {
    const update = await until(`an accepted update on ${s.deviceId}`, async () => {
      const items = ((await system.api('GET', `/api/v1/firmware/devices/${encodeURIComponent(s.deviceId)}/updates`)).body as Json).items as Json[];
      return items.find((u) => u.state === 'accepted' || u.state === 'ended');
    });
    if (update.state === 'accepted') await callIn(s.handset);
    return update;
  }

  it('a subscriber on an outdated handset is offered the update by itself, asked on the handset, and ends on the new firmware', async () => {
    const pkg = await registerPackage('Acme', 'AcmePhone 1', '1.1.0', ['1.0.0']);
    const s = await subscriber(1, 'oma-standard');
    expect(s.handset.tree.text('./DevDetail/FwV')).toBe('1.0.0');
    await world.hlr([observation(s)]);

    const report = await until('the diagnostic report', () => world.events.find((e) => e.topic === 'diagnostics.report-completed.v1' && e.data.deviceId === s.deviceId));
    expect(report.data.findings).toContainEqual({ kind: 'firmware-outdated', current: '1.0.0', latest: '1.1.0' });
    const update = await reportWhenAccepted(s);
    expect(update).toMatchObject({ packageId: pkg.packageId, requestedBy: 'diagnostics-report' });
    const done = await until('firmware.update-completed.v1', () => world.events.find((e) => e.topic === 'firmware.update-completed.v1' && e.data.deviceId === s.deviceId));
    expect(done.data).toMatchObject({ outcome: 'succeeded', resultCode: 200, fromVersion: '1.0.0', toVersion: '1.1.0', msisdn: s.msisdn });
    expect(s.handset.tree.text('./DevDetail/FwV')).toBe('1.1.0');
  });

  it('a staged rollout over a subscriber query updates a group stage by stage', async () => {
    const pkg = await registerPackage('Xphone', 'X-200', 'X200_FW_2.10', []);
    const group = [];
    for (let i = 2; i <= 7; i += 1) group.push(await subscriber(i, 'vendor-x'));
    await world.hlr(group.map(observation));
    // Onboarded (settings pushed) before the rollout starts: their subscriber records carry the model.
    for (const s of group) await until(`config.applied.v1 for ${s.deviceId}`, () => world.events.find((e) => e.topic === 'config.applied.v1' && e.data.deviceId === s.deviceId));
    for (const s of group) await system.api('PUT', `/api/v1/subscribers/${s.msisdn}/consent/update-firmware`, { decision: 'grant' });

    const created = await system.api('POST', '/api/v1/firmware/rollouts', { name: 'X-200 to 2.10', packageId: pkg.packageId, target: { query: { model: 'X-200' } }, stages: [50, 100], maxFailureRate: 0.2 });
    expect(created.status).toBe(201);
    const rolloutId = (created.body as Json).rolloutId as string;
    const pending = new Set(group);
    await until('the rollout to complete', async () => {
      for (const s of [...pending]) {
        const items = ((await system.api('GET', `/api/v1/firmware/devices/${encodeURIComponent(s.deviceId)}/updates`)).body as Json).items as Json[];
        if (items.some((u) => u.rolloutId === rolloutId && u.state === 'accepted')) {
          await callIn(s.handset);
          pending.delete(s);
        }
      }
      const view = (await system.api('GET', `/api/v1/firmware/rollouts/${rolloutId}`)).body as Json;
      if (process.env['DMS_TEST_DEBUG'] === '1') process.stdout.write(`${JSON.stringify({ state: view.state, stage: view.stage, counts: view.counts })}\n`);
      return view.state === 'completed' ? view : undefined;
    }, 180_000);
    const view = (await system.api('GET', `/api/v1/firmware/rollouts/${rolloutId}`)).body as Json;
    expect(view.counts).toMatchObject({ succeeded: group.length, failed: 0, pending: 0 });
    for (const s of group) expect(s.handset.tree.text('./DevDetail/FwV')).toBe('X200_FW_2.10');
    const changes = world.events.filter((e) => e.topic === 'firmware.rollout-changed.v1' && e.data.rolloutId === rolloutId).map((e) => `${e.data.state as string}:${e.data.stage as number}`);
    expect(changes).toEqual(['running:0', 'running:1', 'completed:1']);
    process.stdout.write(`firmware rollout: ${group.length} handsets in 2 stages, ${(view.counts as Json).succeeded} succeeded\n`);
  });
});
