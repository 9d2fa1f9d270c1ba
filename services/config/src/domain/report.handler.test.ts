import type { DmCommand, Finding, ReportCompleted } from '@dms/contracts';
import { createLogger } from '@dms/service-kit';
import { DeviceStateRepository } from '../data-access/device-state.repository';
import { startConfig, eventually, type ConfigHarness } from '../test-support/service.harness';
import { TreeGateway } from '../test-support/tree-gateway.fixture';
import type { ConfigurationService, ConfigureRequest } from './configuration.service';
import { ReportHandler } from './report.handler';

let serial = 0;
const deviceId = (): string => `IMEI:35693804000${String(++serial).padStart(4, '0')}`;
const acme = { manufacturer: 'Acme', model: 'AcmePhone 1' };
const xphone = { manufacturer: 'Xphone', model: 'X-200' };
const report = (device: string, findings: Finding[], handset = acme): ReportCompleted => ({
  reportId: `rep-${device}`,
  deviceId: device,
  trigger: 'combination-detected',
  outcome: 'complete',
  findings,
  device: handset,
  completedAt: new Date().toISOString(),
});
const wrong = (setting: 'mms' | 'internet-apn' | 'bookmarks', nodeUri: string, expected = ''): Finding => ({
  kind: 'setting-wrong',
  setting,
  nodeUri,
  observed: 'x',
  expected,
});
const members = (commands: readonly DmCommand[]): string[] =>
  commands.flatMap((c) => c.children ?? [c]).map((c) => `${c.verb} ${c.target}`);

describe('report handler: findings per setting go to the planner', () => {
  it('passes each setting with what is missing (whole or instances) and the wrong leaves, in finding order', async () => {
    const seen: ConfigureRequest[] = [];
    const configuration = {
      configure: async (r: ConfigureRequest) => (seen.push(r), { outcome: 'sent' as const, jobIds: ['j'] }),
    };
    const handler = new ReportHandler(
      configuration as unknown as ConfigurationService,
      createLogger({ service: 'config', level: 'silent' }),
    );
    const instances = [{ template: './Browser/Bookmarks/DmsBm2', at: './Browser/Bookmarks/DmsBm3' }];
    await handler.onReport(
      report('IMEI:356938040009999', [
        { kind: 'setting-missing', setting: 'bookmarks', instances },
        wrong('mms', './MMS/Operator/MMSC', 'http://mmsc/'),
        { kind: 'health', metric: 'battery', level: 'low' },
        { kind: 'setting-missing', setting: 'internet-apn' },
        wrong('bookmarks', './Browser/Bookmarks/Operator/Name', 'Portal'),
      ]),
    );
    expect(seen[0]).toMatchObject({
      settings: ['bookmarks', 'mms', 'internet-apn'],
      findings: [
        {
          setting: 'bookmarks',
          missing: instances,
          wrong: [{ nodeUri: './Browser/Bookmarks/Operator/Name', expected: 'Portal' }],
        },
        {
          setting: 'mms',
          missing: [],
          wrong: [{ nodeUri: './MMS/Operator/MMSC', expected: 'http://mmsc/' }],
        },
        { setting: 'internet-apn', missing: 'whole', wrong: [] },
      ],
      origin: 'report:rep-IMEI:356938040009999',
    });
    expect(seen[0]).not.toHaveProperty('existing');
  });
});

describe('report-driven configuration on handsets with their own instances', () => {
  let h: ConfigHarness;
  let gw: TreeGateway;
  let devices: DeviceStateRepository;
  beforeAll(async () => {
    h = await startConfig();
    gw = await new TreeGateway(h.bus).start();
    devices = new DeviceStateRepository(h.store);
    await h.rpc.serve({
      subject: 'diagnostics.check-consent.v1',
      handler: async () => ({ state: 'granted' }),
    });
  });
  afterAll(async () => {
    await gw.close();
    await h.close();
  });
  const requestsFor = (d: string) => h.seen.of('dm.command-requested.v1').filter((r) => r.deviceId === d);
  const appliedFor = (d: string) => h.seen.of('config.applied.v1').filter((e) => e.deviceId === d);

  it('wrong leaves in factory instances are Replaced where the handset keeps them; nothing is Added; not recorded as applied', async () => {
    const d = deviceId();
    const tree = gw.handset(d, 'oma-standard', {}, 'factory');
    const findings = [
      wrong('mms', './MMS/Operator/MMSC'),
      wrong('internet-apn', './ConnMO/NAP/Internet/Auth/AuthName'),
    ];
    await h.bus.publish('diagnostics.report-completed.v1', report(d, findings));
    await eventually(() => expect(appliedFor(d)).toHaveLength(1));
    // The sample profile has no Internet password: the handset's own is left as it is.
    expect(members(requestsFor(d)[0]!.commands)).toEqual([
      'Replace ./MMS/Operator/MMSC',
      'Replace ./ConnMO/NAP/Internet/Auth/AuthName',
    ]);
    expect(tree.text('./MMS/Operator/MMSC')).toBe('http://mmsc.operator.example/mms');
    expect(tree.text('./ConnMO/NAP/Internet/Auth/AuthName')).toBe('web');
    expect(tree.childNames('./ConnMO/NAP')).toEqual(['Internet', 'MMS']);
    expect((await devices.get(d))?.applied).toEqual([]);
  });

  it('vendor-x: a missing bookmark is Added at the free slot named, the handset own bookmarks untouched', async () => {
    const d = deviceId();
    const tree = gw.handset(d, 'vendor-x', {}, 'factory');
    tree
      .set('./Vendor/X/Browser/Bookmark/2/Title', { value: 'My bank' })
      .set('./Vendor/X/Browser/Bookmark/2/Url', { value: 'https://bank.example/' });
    const instances = [{ template: './Vendor/X/Browser/Bookmark/2', at: './Vendor/X/Browser/Bookmark/3' }];
    await h.bus.publish(
      'diagnostics.report-completed.v1',
      report(d, [{ kind: 'setting-missing', setting: 'bookmarks', instances }], xphone),
    );
    await eventually(() => expect(appliedFor(d)).toHaveLength(1));
    const [atomic] = requestsFor(d)[0]!.commands;
    expect(atomic!.verb).toBe('Atomic');
    expect(members([atomic!])).toEqual([
      'Add ./Vendor/X/Browser/Bookmark/3',
      'Add ./Vendor/X/Browser/Bookmark/3/Title',
      'Add ./Vendor/X/Browser/Bookmark/3/Url',
    ]);
    expect(tree.text('./Vendor/X/Browser/Bookmark/3/Url')).toBe('https://care.operator.example/');
    expect(tree.text('./Vendor/X/Browser/Bookmark/2/Title')).toBe('My bank');
  });

  it('a whole setting reported missing is Added although the device record lists it as applied; campaigns still Replace it', async () => {
    const d = deviceId();
    const tree = gw.handset(d, 'oma-standard');
    await devices.patch(d, { state: 'failed', reason: 'device-rejected', applied: ['internet-apn'] });
    await h.bus.publish(
      'diagnostics.report-completed.v1',
      report(d, [{ kind: 'setting-missing', setting: 'internet-apn' }]),
    );
    await eventually(() => expect(appliedFor(d)).toHaveLength(1));
    expect(members(requestsFor(d)[0]!.commands).slice(0, 3)).toEqual([
      'Add ./ConnMO/NAP/DmsInternet',
      'Add ./ConnMO/NAP/DmsInternet/Auth',
      'Add ./ConnMO/NAP/DmsInternet/Name',
    ]);
    expect(tree.text('./ConnMO/NAP/DmsInternet/Addr')).toBe('internet.operator.example');
    const campaign = await h.service.planCommands({ deviceId: d, ...acme }, ['internet-apn']);
    expect(new Set(members(campaign!.commands).map((m) => m.split(' ')[0]))).toEqual(new Set(['Replace']));
  });

  it('a wrong leaf at config own instance Replaces all leaves of the setting, as before; a redelivered report plans the same job', async () => {
    const d = deviceId();
    const tree = gw.handset(d, 'oma-standard');
    await h.bus.publish(
      'diagnostics.report-completed.v1',
      report(d, [{ kind: 'setting-missing', setting: 'mms' }]),
    );
    await eventually(() => expect(appliedFor(d)).toHaveLength(1));
    tree.replace('./MMS/DmsMMS/MMSC', { value: 'http://elsewhere.example/' });
    const fix = { ...report(d, [wrong('mms', './MMS/DmsMMS/MMSC')]), reportId: `rep-${d}-2` };
    await devices.patch(d, { profileVersion: 99 }); // not the current version: the already-applied short-cut does not apply
    await h.bus.publish('diagnostics.report-completed.v1', fix);
    await eventually(() => expect(appliedFor(d)).toHaveLength(2));
    const replaced = members(requestsFor(d)[1]!.commands);
    expect(replaced).toHaveLength(12);
    expect(replaced.every((m) => m.startsWith('Replace ./'))).toBe(true);
    expect(tree.text('./MMS/DmsMMS/MMSC')).toBe('http://mmsc.operator.example/mms');
    await h.bus.publish('diagnostics.report-completed.v1', fix, { id: 'again' });
    await new Promise((r) => setTimeout(r, 100));
    expect(new Set(requestsFor(d).map((r) => r.jobId)).size).toBe(2);
  });
});
