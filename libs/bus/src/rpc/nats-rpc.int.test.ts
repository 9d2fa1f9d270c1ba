import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Rpc } from '../rpc.port';
import { createNatsRpc, type NatsRpcOptions } from './nats-rpc.adapter';
import { defineRpcContract } from './rpc.contract';
import { checkpoint, echoHandler, sleep } from './rpc-contract.fixtures';
import { silentRpcLogger } from './rpc-logger';

const natsUrl = process.env.DMS_NATS_URL ?? 'nats://127.0.0.1:14222';
const infraScript = resolve(__dirname, '../../../../deploy/local/infra.sh');

// A fresh subject prefix per fabric keeps tests (and parallel jest workers) apart on one server.
function natsEndpoint(prefix: string, name: string, extra: Partial<NatsRpcOptions> = {}): Promise<Rpc> {
  return createNatsRpc({ servers: natsUrl, name, subjectPrefix: prefix, ...extra });
}

defineRpcContract('nats', () => {
  const prefix = `test-${randomUUID()}`;
  return { endpoint: (name) => natsEndpoint(prefix, name) };
});

describe('NATS RPC across a broker restart', () => {
  const opened: Rpc[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((rpc) => rpc.close()));
  });

  // infra.sh restart waits for its lock, which another jest run may hold for a while.
  const restartBudgetMs = 120_000;
  // Longer than the capped reconnect delay below (500 ms + jitter), so both ends are back before the reply.
  const settleAfterRestartMs = 1_500;

  it(
    'answers a call in flight during a NATS restart and the calls made right after it',
    async () => {
      const prefix = `test-${randomUUID()}`;
      const fast = { initialReconnectDelayMs: 50, maxReconnectDelayMs: 500 };
      const server = await natsEndpoint(prefix, 'restart-server', fast);
      const client = await natsEndpoint(prefix, 'restart-client', fast);
      opened.push(server, client);
      const started = checkpoint();
      const restarted = checkpoint();
      await server.serve({
        subject: 'system.echo.v1',
        handler: async (request) => {
          if (request.text !== 'across') return { text: request.text, servedBy: 'server' };
          started.reach();
          await restarted.reached;
          await sleep(settleAfterRestartMs);
          return { text: request.text, servedBy: 'server' };
        },
      });

      const inFlight = client.request(
        'system.echo.v1',
        { text: 'across' },
        { timeoutMs: restartBudgetMs + 10_000 },
      );
      await started.reached;
      await promisify(execFile)('bash', [infraScript, 'restart', 'nats'], { timeout: restartBudgetMs });
      restarted.reach();
      // Sent while the clients may still be reconnecting: held until reconnected, 503s retried while the server re-subscribes.
      const after = Array.from({ length: 5 }, (_, i) =>
        client.request('system.echo.v1', { text: `after-${i}` }, { timeoutMs: 10_000 }),
      );

      await expect(Promise.all(after)).resolves.toEqual(
        Array.from({ length: 5 }, (_, i) => ({ text: `after-${i}`, servedBy: 'server' })),
      );
      await expect(inFlight).resolves.toEqual({ text: 'across', servedBy: 'server' });
    },
    restartBudgetMs + 30_000,
  );

  it(
    'close() during a NATS restart still finishes, within its drain bound',
    async () => {
      const prefix = `test-${randomUUID()}`;
      const disconnected = checkpoint();
      const logger = { ...silentRpcLogger, warn: () => disconnected.reach() };
      const server = await natsEndpoint(prefix, 'close-during-restart', { logger });
      await server.serve({ subject: 'system.echo.v1', handler: echoHandler('server') });

      const restart = promisify(execFile)('bash', [infraScript, 'restart', 'nats'], {
        timeout: restartBudgetMs,
      });
      await disconnected.reached;
      const startedAt = Date.now();
      await server.close();
      expect(Date.now() - startedAt).toBeLessThan(12_000);
      await restart;
    },
    restartBudgetMs + 30_000,
  );
});
