import type { AlertCommand, ItemCommand } from '@dms/syncml';
import type { HandsetOptions } from './handset.options';
import { SimulatedHandset } from './simulated-handset';
import { commandsOf, testAuth, TinyDmServer, type TinyHandler } from './tiny-dm-server.fixture';

let server: TinyDmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const fumoJob: ItemCommand[] = [
  {
    kind: 'Replace',
    cmdId: '0',
    items: [
      { target: { locURI: './FUMO/FwPkg1/DownloadAndUpdate/PkgURL' }, data: 'http://fw.example/x1.dd' },
    ],
  },
  { kind: 'Replace', cmdId: '0', items: [{ target: { locURI: './FUMO/FwPkg1/PkgVersion' }, data: '1.0.4' }] },
  {
    kind: 'Exec',
    cmdId: '0',
    correlator: 'job-77',
    items: [{ target: { locURI: './FUMO/FwPkg1/DownloadAndUpdate' } }],
  },
];

/** First session: the FUMO job; later sessions: statuses only. */
const fumoServer: TinyHandler = (req, srv) => ({
  message: srv.requests.length === 1 ? srv.reply(req.message!, fumoJob) : srv.reply(req.message!, []),
});

async function handset(
  handler: TinyHandler,
  options: Partial<HandsetOptions> = {},
): Promise<SimulatedHandset> {
  server = await TinyDmServer.start(handler);
  return new SimulatedHandset({
    deviceId: 'IMEI:356938035643809',
    family: 'oma-standard',
    encoding: 'wbxml',
    serverUrl: server.url,
    auth: testAuth,
    ...options,
  });
}

const genericAlerts = (req: Parameters<TinyHandler>[0] | undefined) =>
  commandsOf(req, 'Alert').filter((a) => (a as AlertCommand).data === 1226) as AlertCommand[];

describe('Generic Alerts', () => {
  it('sends caller-given alerts as Alert 1226 items in Package 1 with Meta Type, Format and Mark', async () => {
    const phone = await handset((req, srv) => ({ message: srv.reply(req.message!, []) }));
    await phone.startSession({
      reason: 'client',
      genericAlerts: [
        {
          type: 'com.example.battery.low',
          format: 'chr',
          source: './DevDetail/Ext/Battery',
          data: '5',
          mark: 'warning',
        },
      ],
    });
    expect(genericAlerts(server!.requests[0])).toEqual([
      expect.objectContaining({
        data: 1226,
        items: [
          {
            source: { locURI: './DevDetail/Ext/Battery' },
            meta: { type: 'com.example.battery.low', format: 'chr', mark: 'warning' },
            data: '5',
          },
        ],
      }),
    ]);
  });

  it('answers a FUMO Exec with 202 and reports the result in the next session, then forgets it once the server accepted it', async () => {
    const phone = await handset(fumoServer);
    const first = await phone.startSession({ reason: 'client' });
    expect(first.commandsExecuted.map((c) => `${c.verb} ${c.status}`)).toEqual([
      'Replace 200',
      'Replace 200',
      'Exec 202',
    ]);
    expect(phone.pendingGenericAlerts).toHaveLength(1);
    const second = await phone.startSession({ reason: 'client' });
    const [alert] = genericAlerts(server!.requests[2]);
    expect(alert).toMatchObject({
      correlator: 'job-77',
      items: [
        {
          source: { locURI: './FUMO/FwPkg1/DownloadAndUpdate' },
          meta: { type: 'org.openmobilealliance.dm.firmwareupdate.downloadandupdate', format: 'int' },
          data: '200',
        },
      ],
    });
    expect(second.genericAlertsSent).toHaveLength(1);
    expect(phone.pendingGenericAlerts).toHaveLength(0);
    expect(phone.tree.text('./DevDetail/FwV')).toBe('1.0.4');
  });

  it('keeps the result for a later session when the server does not accept the alert', async () => {
    const phone = await handset((req, srv) => ({
      message:
        srv.requests.length === 1
          ? srv.reply(req.message!, fumoJob)
          : srv.reply(req.message!, [], { statusCode: 500 }),
    }));
    await phone.startSession({ reason: 'client' });
    await phone.startSession({ reason: 'client' });
    expect(phone.pendingGenericAlerts).toHaveLength(1);
  });

  it('reports in the same session when configured to', async () => {
    const phone = await handset(fumoServer, { reportAsyncResults: 'same-session' });
    const report = await phone.startSession({ reason: 'client' });
    expect(report.outcome).toBe('completed');
    expect(genericAlerts(server!.requests[1])).toHaveLength(1);
    expect(server!.requests[1]?.message?.body.final).toBe(true);
  });
});
