import { createInProcessRpc, InProcessRpcHub } from '@dms/bus';
import { UserError } from '@dms/service-kit';
import { ServiceUnavailableError } from '../domain/console.errors';
import { ServiceClient, ServiceRefusedError } from './service.client';

describe("the console's calls to other services", () => {
  const hub = new InProcessRpcHub();
  const rpc = createInProcessRpc({ hub });
  const peer = createInProcessRpc({ hub });
  const client = new ServiceClient(rpc, 200);
  afterAll(async () => {
    await rpc.close();
    await peer.close();
  });

  it('turns a missing responder and a slow one into "service unavailable" naming the service', async () => {
    await expect(client.call('config.device-state.v1', { deviceId: 'IMEI:1' })).rejects.toMatchObject({
      constructor: ServiceUnavailableError,
      status: 503,
      details: { service: 'config', reason: 'not running' },
    });
    const slow = await peer.serve({
      subject: 'diagnostics.get-consent.v1',
      handler: async () => {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return { grants: [] };
      },
    });
    await expect(client.call('diagnostics.get-consent.v1', { msisdn: '491700000001' })).rejects.toMatchObject(
      {
        details: { service: 'diagnostics', reason: 'no answer in time' },
      },
    );
    await slow.close();
  });

  it("passes the other service's own refusal on as 422 with its reason", async () => {
    const registration = await peer.serve({
      subject: 'diagnostics.run.v1',
      handler: async () => {
        throw new UserError('NO_HANDSET', 'subscriber has no known handset');
      },
    });
    const error = await client
      .call('diagnostics.run.v1', { msisdn: '491700000001', requestedBy: 'console:x' })
      .catch((e: unknown) => e);
    await registration.close();

    expect(error).toBeInstanceOf(ServiceRefusedError);
    expect(error).toMatchObject({ status: 422, details: { service: 'diagnostics', code: 'NO_HANDSET' } });
  });

  it('shows a missing part of a page as unavailable with the reason instead of failing the page', async () => {
    expect(await client.optional('config.device-state.v1', { deviceId: 'IMEI:1' })).toEqual({
      available: false,
      reason: expect.stringContaining('config service is unavailable'),
    });
  });
});
