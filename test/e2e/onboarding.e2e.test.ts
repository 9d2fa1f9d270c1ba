/**
 * Issue 6 must-show, distributed: hlr-detector, subscriber-terminal, dm-gateway,
 * diagnostics and config, each on its own Kafka client, NATS connection, MongoDB
 * (FerretDB) database and Redis prefix, with Package 0 wake-ups over SMPP through the real
 * Perl SMSC. An HLR trigger produced by kcat (plain JSON, as an HLR front-end does) for a
 * subscriber on a new handset with empty settings ends with the handset holding the
 * operator's MMS and Internet settings and config.applied.v1; a subscriber who revoked
 * "change settings" and one who answers no on the handset keep their handsets unchanged,
 * and both are reported. Prints the time from observation to config.applied.v1.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopicName } from '../../libs/contracts/src/index';
import { imeiFor, SimulatedHandset, type DeviceFamilyName } from '../../libs/device-sim/src/index';
import { SYSTEM_SERVER_ID, type OnboardingSystem } from '../support/onboarding.system';
import { startWorld, type Seen, type World } from '../support/distributed.world';
import { SmscRadio } from '../support/smsc-radio';

jest.setTimeout(240_000);

const profile = JSON.parse(readFileSync(join(__dirname, '../../services/config/operator-profile.sample.json'), 'utf8')) as {
  mms: { mmscUrl: string; apn: string; name: string };
  internet: { apn: string; user: string };
  bookmarks: { name: string; url: string }[];
};

async function waitFor(events: Seen[], topic: TopicName, match: (d: Record<string, unknown>) => boolean, timeoutMs = 90_000): Promise<Seen> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const hit = events.find((e) => e.topic === topic && match(e.data));
    if (hit) return hit;
    if (Date.now() > until) throw new TypeError(`no ${topic} matched within ${timeoutMs} ms; seen: ${events.map((e) => e.topic).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every node and value under the handset's settings roots (not DMAcc, whose nonces change per session). */
function treeValues(handset: SimulatedHandset): string {
  const { internet, mms, bookmarks } = handset.family.paths;
  const roots = handset.family.name === 'oma-standard' ? ['./ConnMO', mms, bookmarks] : [internet, mms, bookmarks];
  return roots.flatMap((root) => handset.tree.list(root).map((uri) => `${uri}=${handset.tree.text(uri) ?? ''}`)).join('\n');
}

describe('onboarding on Kafka, NATS, FerretDB, Redis and a real SMPP peer', () => {
  const run = randomBytes(2).readUInt16BE(0) % 1000;
  let world: World;
  let system: OnboardingSystem;
  let radio: SmscRadio;

  beforeAll(async () => {
    world = await startWorld('e2e-onboard', { systemId: 'dmsonb', password: 'onb-pw' }, ['terminal.combination-detected.v1', 'diagnostics.report-completed.v1', 'config.applied.v1', 'config.failed.v1']);
    ({ system, radio } = world);
  });

  afterAll(async () => {
    await world?.stop();
  });

  async function newSubscriber(i: number, family: DeviceFamilyName, confirm: 'yes' | 'no', settings: 'none' | 'factory' = 'none') {
    const deviceId = imeiFor(family === 'vendor-x' ? '35291106' : '35693803', 900_000 + run * 10 + i);
    const msisdn = `4915${String(run).padStart(3, '0')}0000${i}`;
    const auth = { scheme: 'md5' as const, username: `onb-${i}-${run}`, password: `pw-${i}`, serverId: SYSTEM_SERVER_ID, serverPassword: `spw-${i}` };
    expect((await system.api('POST', '/api/v1/dm-accounts', { deviceId, authType: 'md5', ...auth })).status).toBe(201);
    const handset = new SimulatedHandset({ deviceId, family, settings, encoding: i % 2 === 0 ? 'wbxml' : 'xml', serverUrl: system.dmUrl, auth, uiAnswers: { confirm } });
    radio.attach(msisdn, handset);
    return { deviceId, msisdn, imsi: `26207${String(run).padStart(3, '0')}00000${i}`, imei: deviceId.slice(5), handset };
  }

  const observation = (s: { msisdn: string; imsi: string; imei: string }) =>
    `${s.msisdn}:${JSON.stringify({ msisdn: s.msisdn, imsi: s.imsi, imei: s.imei, observedAt: new Date().toISOString(), source: 'hlr-fe-e2e' })}`;

  it('a new handset with empty settings ends holding the operator MMS and Internet settings', async () => {
    const subs = [await newSubscriber(1, 'oma-standard', 'yes'), await newSubscriber(2, 'vendor-x', 'yes')];
    const sent = Date.now();
    await world.hlr(subs.map(observation));

    for (const s of subs) {
      const detected = await waitFor(world.events, 'terminal.combination-detected.v1', (d) => d.msisdn === s.msisdn);
      expect(detected.data).toMatchObject({ kind: 'new-combination', imei: s.imei, newSubscriber: true });
      const report = await waitFor(world.events, 'diagnostics.report-completed.v1', (d) => d.deviceId === s.deviceId);
      const kinds = (report.data.findings as { kind: string; setting?: string }[]).filter((f) => f.kind === 'setting-missing').map((f) => f.setting);
      expect(kinds).toEqual(expect.arrayContaining(['mms', 'internet-apn']));
      const applied = await waitFor(world.events, 'config.applied.v1', (d) => d.deviceId === s.deviceId);
      expect(applied.data.settings).toEqual(expect.arrayContaining(['mms', 'internet-apn']));
      process.stdout.write(`onboarding ${s.handset.family.name}: observation -> config.applied.v1 in ${applied.at - sent} ms (SMS wake-ups: ${radio.outcomes.filter((o) => o.msisdn === s.msisdn).length})\n`);
    }
    const values = subs.map((s) => treeValues(s.handset));
    for (const v of values) {
      expect(v).toContain(profile.mms.mmscUrl);
      expect(v).toContain(profile.mms.apn);
      expect(v).toContain(profile.internet.apn);
    }
    // The DM account of each handset saw its job through a server-initiated session.
    expect(radio.outcomes.filter((o) => subs.some((s) => s.msisdn === o.msisdn) && o.accepted).length).toBeGreaterThanOrEqual(2);
  });

  it('revoked "change settings" and a "no" on the handset leave the handsets unchanged, and both are reported', async () => {
    const revoked = await newSubscriber(3, 'oma-standard', 'yes');
    const refuses = await newSubscriber(4, 'vendor-x', 'no');
    expect((await system.api('PUT', `/api/v1/subscribers/${revoked.msisdn}/consent/change-settings`, { decision: 'revoke' })).status).toBe(200);
    // Reading is allowed for the second one, so only the settings change is asked and refused.
    expect((await system.api('PUT', `/api/v1/subscribers/${refuses.msisdn}/consent/read-diagnostics`, { decision: 'grant' })).status).toBe(200);
    const before = [treeValues(revoked.handset), treeValues(refuses.handset)];
    await world.hlr([observation(revoked), observation(refuses)]);

    const noConsent = await waitFor(world.events, 'config.failed.v1', (d) => d.deviceId === revoked.deviceId);
    expect(noConsent.data).toMatchObject({ reason: 'consent-revoked', willRetry: false });
    const said = await waitFor(world.events, 'config.failed.v1', (d) => d.deviceId === refuses.deviceId);
    expect(said.data).toMatchObject({ reason: 'user-rejected' });
    expect([treeValues(revoked.handset), treeValues(refuses.handset)]).toEqual(before);
    expect(world.events.some((e) => e.topic === 'config.applied.v1' && (e.data.deviceId === revoked.deviceId || e.data.deviceId === refuses.deviceId))).toBe(false);
    // The device state is written next to the event; read it until it says so.
    let state = '';
    for (let i = 0; i < 100 && !state.includes('user-rejected'); i += 1) {
      state = JSON.stringify((await system.api('GET', `/api/v1/config/devices/${encodeURIComponent(refuses.deviceId)}`)).body);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(JSON.parse(state)).toMatchObject({ state: 'failed', reason: 'user-rejected' });
  });

  it('a factory-configured handset is repaired where its own settings are: nothing duplicated, the user\'s bookmark kept', async () => {
    const oma = await newSubscriber(5, 'oma-standard', 'yes', 'factory');
    const x = await newSubscriber(6, 'vendor-x', 'yes', 'factory');
    x.handset.tree.set('./Vendor/X/Browser/Bookmark/2/Title', { value: 'My bank' });
    x.handset.tree.set('./Vendor/X/Browser/Bookmark/2/Url', { value: 'https://bank.example/' });
    await world.hlr([observation(oma), observation(x)]);

    for (const s of [oma, x]) {
      const applied = await waitFor(world.events, 'config.applied.v1', (d) => d.deviceId === s.deviceId);
      expect(applied.data.settings).toEqual(expect.arrayContaining(['mms', 'internet-apn', 'bookmarks']));
    }
    const t = oma.handset.tree;
    // The factory instances hold the profile now; config added only the bookmark that was not there.
    expect(t.childNames('./ConnMO/NAP').sort()).toEqual(['Internet', 'MMS']);
    expect(t.childNames('./ConnMO/Proxy')).toEqual(['MMSProxy']);
    expect(t.childNames('./MMS')).toEqual(['Operator']);
    expect(t.text('./MMS/Operator/MMSC')).toBe(profile.mms.mmscUrl);
    expect(t.text('./ConnMO/NAP/MMS/Name')).toBe(`${profile.mms.name} APN`);
    expect(t.text('./ConnMO/NAP/Internet/Auth/AuthName')).toBe(profile.internet.user);
    expect(t.childNames('./Browser/Bookmarks').sort()).toEqual(['DmsBm2', 'Operator']);
    expect(t.text('./Browser/Bookmarks/DmsBm2/URL')).toBe(profile.bookmarks[1]!.url);
    const report = await waitFor(world.events, 'diagnostics.report-completed.v1', (d) => d.deviceId === oma.deviceId);
    expect(report.data.findings).toContainEqual({ kind: 'setting-wrong', setting: 'mms', nodeUri: './MMS/Operator/MMSC', observed: 'http://mmsc.operator.example', expected: profile.mms.mmscUrl });

    const v = x.handset.tree;
    expect(v.childNames('./Vendor/X/Browser/Bookmark').sort()).toEqual(['1', '2', '3']);
    expect(v.text('./Vendor/X/Browser/Bookmark/2/Url')).toBe('https://bank.example/');
    expect(v.text('./Vendor/X/Browser/Bookmark/3/Url')).toBe(profile.bookmarks[1]!.url);
    expect(v.text('./Vendor/X/Settings/MMS/MMSC')).toBe(profile.mms.mmscUrl);
  });

  it('an MMS instance whose NAP is gone gets a NAP and its reference turned to it; a NAP without Auth gets its leaves Added', async () => {
    const broken = await newSubscriber(7, 'oma-standard', 'yes', 'factory');
    broken.handset.tree.delete('./ConnMO/NAP/MMS');
    broken.handset.tree.delete('./ConnMO/NAP/Internet/Auth');
    broken.handset.tree.set('./MMS/Operator/NapRef', { value: './ConnMO/NAP/Gone' });
    await world.hlr([observation(broken)]);

    await waitFor(world.events, 'config.applied.v1', (d) => d.deviceId === broken.deviceId);
    const t = broken.handset.tree;
    expect(t.childNames('./MMS')).toEqual(['Operator']);
    expect(t.childNames('./ConnMO/NAP').sort()).toEqual(['DmsMMS', 'Internet']);
    expect(t.text('./MMS/Operator/NapRef')).toBe('./ConnMO/NAP/DmsMMS');
    expect(t.text('./ConnMO/NAP/DmsMMS/Addr')).toBe(profile.mms.apn);
    expect(t.childNames('./ConnMO/Proxy')).toEqual(['MMSProxy']);
    expect([t.text('./ConnMO/NAP/Internet/Auth/AuthType'), t.text('./ConnMO/NAP/Internet/Auth/AuthName')]).toEqual(['PAP', profile.internet.user]);
  });
});
