import type { DmCommand } from '@dms/contracts';
import { provisionHandset, startGateway, type GatewayHarness } from './test-support/gateway.harness';

jest.setTimeout(60_000);

const atomic = (name: string, leaves: number): DmCommand => ({
  verb: 'Atomic',
  children: Array.from({ length: leaves }, (_, i) => ({ verb: 'Add', target: `./MMS/${name}/L${i}`, data: `v${i}`, format: 'chr' })),
});

describe('containers in one message keep distinct CmdIDs (DM 1.2 protocol 2.2.2)', () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGateway();
  });
  afterAll(async () => h.close());

  it.each(['xml', 'wbxml'] as const)('two Atomics and a Replace after them: every command, containers included, gets its status (%s)', async (encoding) => {
    const handset = await provisionHandset(h, { scheme: 'md5', encoding });
    const res = await h.api('POST', `/api/v1/devices/${encodeURIComponent(handset.deviceId)}/jobs`, {
      commands: [atomic('A', 3), atomic('B', 2), { verb: 'Replace', target: './Browser/HomePage', data: 'http://home.example/' }],
    });
    const jobId = (res.body as { jobId: string }).jobId;

    await handset.startSession();

    const done = await h.events.waitFor('dm.command-completed.v1', (e) => e.data.jobId === jobId);
    expect(done.data.outcome).toBe('completed');
    expect(done.data.results.map((r) => `${r.cmdRef}:${r.status}`)).toEqual(['0:200', '0.0:200', '0.1:200', '0.2:200', '1:200', '1.0:200', '1.1:200', '2:200']);
    expect(handset.tree.text('./MMS/B/L1')).toBe('v1');
    expect(handset.tree.text('./Browser/HomePage')).toBe('http://home.example/');
  });
});
