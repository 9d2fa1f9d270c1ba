import { RpcRemoteError, RpcValidationError } from '@dms/bus';
import { nextImei } from '../../test-support/detection.fixture';
import { startHarness, type Harness } from '../../test-support/diagnostics.harness';

const M = '491704440000';
const IMEI = nextImei();

describe('diagnostics RPC subjects', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ terminals: new Map([[IMEI, { currentMsisdn: M }]]) });
  });
  afterAll(async () => {
    await h.close();
  });

  it('sets, checks and lists consent', async () => {
    expect(await h.rpc.request('diagnostics.check-consent.v1', { msisdn: M, category: 'update-firmware' })).toEqual({ state: 'not-asked' });
    const { grant } = await h.rpc.request('diagnostics.set-consent.v1', { msisdn: M, category: 'update-firmware', decision: 'grant', until: '2099-01-01T00:00:00Z', decidedBy: 'console:agent-1' });
    expect(grant).toMatchObject({ state: 'granted', decidedBy: 'console:agent-1' });
    expect(await h.rpc.request('diagnostics.check-consent.v1', { msisdn: M, category: 'update-firmware' })).toEqual({ state: 'granted', until: '2099-01-01T00:00:00.000Z' });
    const { grants } = await h.rpc.request('diagnostics.get-consent.v1', { msisdn: M });
    expect(grants).toHaveLength(4);
  });

  it('runs by device id and lists the report', async () => {
    const { reportId, deviceId } = await h.rpc.request('diagnostics.run.v1', { deviceId: `IMEI:${IMEI}`, requestedBy: 'console:agent-1' });
    expect(deviceId).toBe(`IMEI:${IMEI}`);
    const { reports } = await h.rpc.request('diagnostics.list-reports.v1', { deviceId, limit: 10 });
    expect(reports.map((r) => [r.reportId, r.msisdn, r.requestedBy])).toEqual([[reportId, M, 'console:agent-1']]);
  });

  it('answers a bad request with a typed error, not a crash', async () => {
    await expect(h.rpc.request('diagnostics.run.v1', { requestedBy: 'x' })).rejects.toBeInstanceOf(RpcRemoteError);
    await expect(h.rpc.request('diagnostics.check-consent.v1', { msisdn: 'abc', category: 'read-diagnostics' })).rejects.toBeInstanceOf(RpcValidationError);
    await expect(h.rpc.request('diagnostics.set-consent.v1', { msisdn: M, category: 'read-diagnostics', decision: 'revoke', until: '2099-01-01T00:00:00Z', decidedBy: 'x' })).rejects.toMatchObject({ code: 'DIAGNOSTICS_INVALID_REQUEST' });
  });
});
