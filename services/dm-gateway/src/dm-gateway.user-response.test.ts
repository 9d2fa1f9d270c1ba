import { provisionHandset, startGateway, type GatewayHarness } from './test-support/gateway.harness';

jest.setTimeout(60_000);

async function queue(h: GatewayHarness, deviceId: string, body: Record<string, unknown>): Promise<string> {
  const res = await h.api('POST', `/api/v1/devices/${encodeURIComponent(deviceId)}/jobs`, body);
  expect(res.status).toBe(201);
  return (res.body as { jobId: string }).jobId;
}

const READ = [{ verb: 'Get', target: './DevInfo/DevId' }];

describe('dm.command-completed.v1 carries the user response to the job alert (RepPro 6.6.1)', () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGateway();
  });
  afterAll(async () => h.close());

  it.each(['xml', 'wbxml'] as const)('a 1102 text input comes back with the text the user typed (%s)', async (encoding) => {
    const handset = await provisionHandset(h, { scheme: 'md5', encoding, handset: { uiAnswers: { textInput: 'ann@example.org' } } });
    const jobId = await queue(h, handset.deviceId, { userInteraction: { code: 1102, text: 'Your e-mail address?', maxLength: 100 }, commands: READ });

    await handset.startSession();

    const done = await h.events.waitFor('dm.command-completed.v1', (e) => e.data.jobId === jobId);
    expect(done.data.outcome).toBe('completed');
    expect(done.data.userResponse).toEqual({ status: 200, items: [{ data: 'ann@example.org' }] });
    expect(handset.interactions).toEqual([expect.objectContaining({ alert: 1102, answer: ['ann@example.org'] })]);
  });

  it('a 1104 multiple choice comes back with the chosen indices, one item each', async () => {
    const handset = await provisionHandset(h, { scheme: 'basic', encoding: 'xml', handset: { uiAnswers: { multipleChoice: [1, 3] } } });
    const jobId = await queue(h, handset.deviceId, { userInteraction: { code: 1104, text: 'Which?', choices: ['MMS', 'Internet', 'E-mail'] }, commands: READ });

    await handset.startSession();

    const done = await h.events.waitFor('dm.command-completed.v1', (e) => e.data.jobId === jobId);
    expect(done.data.userResponse).toEqual({ status: 200, items: [{ data: '1' }, { data: '3' }] });
  });

  it('a refused 1101 carries status 304, a cancelled 1102 status 214, both jobs rejected', async () => {
    const no = await provisionHandset(h, { scheme: 'hmac', encoding: 'wbxml', handset: { uiAnswers: { confirm: 'no' } } });
    const noJob = await queue(h, no.deviceId, { userInteraction: { code: 1101, text: 'OK?' }, commands: READ });
    const cancel = await provisionHandset(h, { scheme: 'basic', encoding: 'xml', handset: { uiAnswers: { cancelInput: true } } });
    const cancelJob = await queue(h, cancel.deviceId, { userInteraction: { code: 1102, text: 'Address?' }, commands: READ });

    await no.startSession();
    await cancel.startSession();

    const refused = await h.events.waitFor('dm.command-completed.v1', (e) => e.data.jobId === noJob);
    const cancelled = await h.events.waitFor('dm.command-completed.v1', (e) => e.data.jobId === cancelJob);
    expect([refused.data.outcome, refused.data.userResponse]).toEqual(['rejected', { status: 304, items: [] }]);
    expect([cancelled.data.outcome, cancelled.data.userResponse]).toEqual(['rejected', { status: 214, items: [] }]);
  });

  it('a job without a user interaction has no userResponse', async () => {
    const handset = await provisionHandset(h, { scheme: 'basic', encoding: 'xml' });
    const jobId = await queue(h, handset.deviceId, { commands: READ });
    await handset.startSession();
    const done = await h.events.waitFor('dm.command-completed.v1', (e) => e.data.jobId === jobId);
    expect(done.data.userResponse).toBeUndefined();
  });
});
