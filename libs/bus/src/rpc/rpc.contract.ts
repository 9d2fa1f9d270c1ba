import type { Rpc } from '../rpc.port';
import {
  RpcClosedError,
  RpcNoResponderError,
  RpcRemoteError,
  RpcTimeoutError,
  RpcUnknownSubjectError,
  RpcValidationError,
} from './rpc.errors';
import { checkpoint, echoHandler, rejectionOf, type RpcContractFactory } from './rpc-contract.fixtures';
import { RPC_REMOTE_FAILED } from './rpc-wire.codec';

export type { RpcContractFabric, RpcContractFactory } from './rpc-contract.fixtures';

const ECHO = 'system.echo.v1';

/**
 * The behaviour every RPC adapter guarantees (rpc.port.ts), run against each one
 * (in-process-rpc.test.ts, nats-rpc.int.test.ts) so embedded mode cannot drift
 * from NATS. Each test gets a fresh fabric; endpoints are closed after it.
 */
export function defineRpcContract(name: string, factory: RpcContractFactory): void {
  describe(`RPC contract: ${name}`, () => {
    let opened: Rpc[] = [];
    let endpoint: (label: string) => Promise<Rpc>;

    beforeEach(async () => {
      const fabric = await factory();
      opened = [];
      endpoint = async (label) => {
        const rpc = await fabric.endpoint(label);
        opened.push(rpc);
        return rpc;
      };
    });

    // Closing waits for handlers and, over NATS, for a broker that may be restarting.
    afterEach(async () => {
      await Promise.all(opened.map((rpc) => rpc.close()));
    }, 15_000);

    async function serverAndClient(): Promise<{ server: Rpc; client: Rpc }> {
      const server = await endpoint('server');
      await server.serve({ subject: ECHO, handler: echoHandler('server') });
      return { server, client: await endpoint('client') };
    }

    it('answers a request with the handler response', async () => {
      const { client } = await serverAndClient();
      await expect(client.request(ECHO, { text: 'hello' })).resolves.toEqual({
        text: 'hello',
        servedBy: 'server',
      });
    });

    it('refuses an invalid request on the serving side without running the handler', async () => {
      const server = await endpoint('server');
      const started = jest.fn();
      await server.serve({ subject: ECHO, handler: echoHandler('server', { onStart: started }) });
      const client = await endpoint('client');
      const error = await rejectionOf(client.request(ECHO, { text: 42 } as never));
      expect(error).toBeInstanceOf(RpcValidationError);
      expect(error).toMatchObject({ code: 'RPC_INVALID', side: 'request', retriable: false });
      expect((error as RpcValidationError).reason).toMatch(/^text: /);
      expect(started).not.toHaveBeenCalled();
    });

    it('refuses a response that does not match the schema on the calling side', async () => {
      const server = await endpoint('server');
      await server.serve({ subject: ECHO, handler: async (request) => ({ text: request.text }) as never });
      const client = await endpoint('client');
      const error = await rejectionOf(client.request(ECHO, { text: 'x' }));
      expect(error).toBeInstanceOf(RpcValidationError);
      expect(error).toMatchObject({ code: 'RPC_INVALID', side: 'response' });
      expect((error as RpcValidationError).reason).toMatch(/servedBy/);
    });

    it('gives the caller the remote error code and retriable flag', async () => {
      const { client } = await serverAndClient();
      const operational = await rejectionOf(client.request(ECHO, { text: 'x', fail: 'HLR_UNREACHABLE' }));
      expect(operational).toBeInstanceOf(RpcRemoteError);
      expect(operational).toMatchObject({
        code: 'HLR_UNREACHABLE',
        retriable: true,
        message: 'echo failed: HLR_UNREACHABLE',
      });
      const user = await rejectionOf(client.request(ECHO, { text: 'x', fail: 'IMEI_MALFORMED:user' }));
      expect(user).toBeInstanceOf(RpcRemoteError);
      expect(user).toMatchObject({ code: 'IMEI_MALFORMED', retriable: false });
    });

    it('reports an untyped handler failure as RPC_REMOTE_FAILED without its text', async () => {
      const server = await endpoint('server');
      await server.serve({ subject: ECHO, handler: async (request) => JSON.parse(request.text) as never });
      const client = await endpoint('client');
      const error = await rejectionOf(client.request(ECHO, { text: 'secret-internals{' }));
      expect(error).toBeInstanceOf(RpcRemoteError);
      expect(error).toMatchObject({ code: RPC_REMOTE_FAILED, retriable: false });
      expect((error as Error).message).not.toMatch(/secret-internals/);
    });

    it('times out a slow handler with RpcTimeoutError', async () => {
      const { client } = await serverAndClient();
      const startedAt = Date.now();
      const error = await rejectionOf(
        client.request(ECHO, { text: 'slow', delayMs: 800 }, { timeoutMs: 200 }),
      );
      expect(error).toBeInstanceOf(RpcTimeoutError);
      expect(error).toMatchObject({ code: 'RPC_TIMEOUT', retriable: true });
      expect(Date.now() - startedAt).toBeLessThan(700);
    });

    it('fails at once with RpcNoResponderError when nobody serves the subject', async () => {
      const client = await endpoint('client');
      const startedAt = Date.now();
      const error = await rejectionOf(client.request(ECHO, { text: 'anyone?' }, { timeoutMs: 4_000 }));
      expect(error).toBeInstanceOf(RpcNoResponderError);
      expect(error).toMatchObject({ code: 'RPC_NO_RESPONDERS', retriable: true });
      expect(Date.now() - startedAt).toBeLessThan(1_000);
    });

    it('matches 200 concurrent calls to their callers', async () => {
      const { client } = await serverAndClient();
      const texts = Array.from({ length: 200 }, (_, i) => `call-${i}`);
      // Random delays make replies come back out of order.
      const replies = await Promise.all(
        texts.map((text) => client.request(ECHO, { text, delayMs: Math.floor(Math.random() * 30) })),
      );
      expect(replies.map((reply) => reply.text)).toEqual(texts);
    });

    it('shares the load between two servers of one queue group, each request handled once', async () => {
      const servers = [await endpoint('a'), await endpoint('b')];
      const handled: string[] = [];
      await Promise.all(
        servers.map((server, i) =>
          server.serve({
            subject: ECHO,
            queue: 'echo-workers',
            handler: echoHandler(`s${i}`, { onStart: (request) => handled.push(request.text) }),
          }),
        ),
      );
      const client = await endpoint('client');
      const texts = Array.from({ length: 60 }, (_, i) => `${i}`);
      const replies = await Promise.all(texts.map((text) => client.request(ECHO, { text })));
      // Closing drains the servers, so a duplicate delivery would have been counted by now.
      await Promise.all(servers.map((server) => server.close()));
      const servedBy = replies.map((reply) => reply.servedBy);
      expect(servedBy.filter((who) => who === 's0').length).toBeGreaterThan(0);
      expect(servedBy.filter((who) => who === 's1').length).toBeGreaterThan(0);
      expect([...handled].sort()).toEqual([...texts].sort());
    });

    it('finishes an in-flight call before close() resolves, then stops serving', async () => {
      const server = await endpoint('server');
      const started = checkpoint();
      const events: string[] = [];
      const echo = echoHandler('server', { onStart: () => started.reach() });
      await server.serve({
        subject: ECHO,
        handler: async (request) => {
          const reply = await echo(request);
          events.push('handled');
          return reply;
        },
      });
      const client = await endpoint('client');
      const call = client.request(ECHO, { text: 'in-flight', delayMs: 300 });
      await started.reached;
      await server.close().then(() => events.push('closed'));
      // The reply was sent before the server let go (the client still gets it). When the client
      // reads it is its own affair: over NATS it may be just after close() resolved.
      expect(events).toEqual(['handled', 'closed']);
      await expect(call).resolves.toEqual({ text: 'in-flight', servedBy: 'server' });
      await expect(rejectionOf(client.request(ECHO, { text: 'late' }))).resolves.toBeInstanceOf(
        RpcNoResponderError,
      );
      await expect(rejectionOf(server.request(ECHO, { text: 'x' }))).resolves.toBeInstanceOf(RpcClosedError);
    });

    it('lets a handler still running during close() call another service', async () => {
      const downstream = await endpoint('downstream');
      await downstream.serve({ subject: ECHO, handler: echoHandler('downstream') });
      const relay = await endpoint('relay');
      const started = checkpoint();
      const closing = checkpoint();
      await relay.serve({
        subject: 'system.relay.v1',
        handler: async (request) => {
          started.reach();
          await closing.reached;
          const echoed = await relay.request(ECHO, { text: request.text });
          return { text: echoed.text, servedBy: 'relay', via: echoed.servedBy };
        },
      });
      const client = await endpoint('client');
      const call = client.request('system.relay.v1', { text: 'during-drain' });
      await started.reached;
      const closed = relay.close();
      closing.reach();
      await expect(call).resolves.toEqual({ text: 'during-drain', servedBy: 'relay', via: 'downstream' });
      await closed;
      await expect(rejectionOf(relay.request(ECHO, { text: 'after' }))).resolves.toBeInstanceOf(
        RpcClosedError,
      );
    });

    it('delivers signals to every subscriber of a matching subject, as JSON', async () => {
      const publisher = await endpoint('publisher');
      const feeds = [await endpoint('console-1'), await endpoint('console-2')];
      const received: unknown[][] = [[], []];
      const subscriptions = feeds.map((feed, i) =>
        feed.onSignal('feed.device.*', (payload) => received[i]?.push(payload)),
      );
      await Promise.all(subscriptions.map((subscription) => subscription.ready));
      publisher.signal('feed.other.1', { ignored: true });
      publisher.signal('feed.device.42', { imei: '490154203237518', at: new Date(0) });
      await waitFor(() => received.every((list) => list.length > 0));
      for (const list of received)
        expect(list[0]).toEqual({ imei: '490154203237518', at: '1970-01-01T00:00:00.000Z' });
    });

    it('refuses a subject that is not in the catalog', async () => {
      const client = await endpoint('client');
      await expect(rejectionOf(client.request('no.such.v1' as never, {} as never))).resolves.toBeInstanceOf(
        RpcUnknownSubjectError,
      );
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
