import type { DestinationStream } from 'pino';
import { OperationalError } from '../errors/dms.error';
import { TimeoutError } from '../errors/timeout.error';
import { createLogger } from '../logging/logger.factory';
import { ShutdownManager } from './shutdown.manager';

function manager(timeoutMs?: number): { shutdown: ShutdownManager; logs: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const destination: DestinationStream = { write: (line: string) => void lines.push(line) };
  const logger = createLogger({ service: 'test', destination });
  return {
    shutdown: new ShutdownManager({ logger, ...(timeoutMs === undefined ? {} : { timeoutMs }) }),
    logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('ShutdownManager', () => {
  it('runs hooks in reverse registration order and exits 0 when all succeed', async () => {
    const { shutdown } = manager();
    const order: string[] = [];
    shutdown.register('close connections', () => void order.push('close connections'));
    shutdown.register('drain in-flight', async () => void order.push('drain in-flight'));
    shutdown.register('stop taking work', () => void order.push('stop taking work'));

    const outcome = await shutdown.shutdown('SIGTERM');

    expect(order).toEqual(['stop taking work', 'drain in-flight', 'close connections']);
    expect(outcome).toEqual({ exitCode: 0, failed: [], timedOut: undefined, skipped: [] });
  });

  it('reports draining from the moment shutdown starts', async () => {
    const { shutdown } = manager();
    let drainingDuringHook = false;
    shutdown.register('probe', () => void (drainingDuringHook = shutdown.isDraining()));

    expect(shutdown.isDraining()).toBe(false);
    await shutdown.shutdown('test');

    expect(drainingDuringHook).toBe(true);
  });

  it('keeps running later hooks after one fails, then exits 1 naming it', async () => {
    const { shutdown, logs } = manager();
    const ran: string[] = [];
    shutdown.register('close store', () => void ran.push('close store'));
    shutdown.register('close bus', () => {
      throw new OperationalError('BUS_CLOSE_FAILED', 'broker gone');
    });

    const outcome = await shutdown.shutdown('SIGTERM');

    expect(ran).toEqual(['close store']);
    expect(outcome).toMatchObject({ exitCode: 1, failed: ['close bus'] });
    expect(logs()).toContainEqual(
      expect.objectContaining({ msg: 'shutdown hook failed', hook: 'close bus' }),
    );
  });

  it('gives up when the total time runs out, naming the hung hook and the skipped ones', async () => {
    const { shutdown, logs } = manager(150);
    shutdown.register('close store', () => undefined);
    shutdown.register('drain consumers', () => new Promise<void>(() => undefined));
    shutdown.register('stop http', () => new Promise<void>((resolve) => setTimeout(resolve, 50)));

    const started = Date.now();
    const outcome = await shutdown.shutdown('SIGTERM');

    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(outcome).toEqual({
      exitCode: 1,
      failed: [],
      timedOut: 'drain consumers',
      skipped: ['close store'],
    });
    expect(logs()).toContainEqual(
      expect.objectContaining({ msg: 'shutdown ran out of time', hook: 'drain consumers' }),
    );
  });

  it('runs the hooks only once however often shutdown is asked for', async () => {
    const { shutdown } = manager();
    const hook = jest.fn();
    shutdown.register('once', hook);

    const [first, second] = await Promise.all([shutdown.shutdown('SIGTERM'), shutdown.shutdown('SIGINT')]);

    expect(hook).toHaveBeenCalledTimes(1);
    expect(second).toBe(first);
  });

  it('counts a hook that throws its own TimeoutError as failed, not as the shutdown running out of time', async () => {
    const { shutdown } = manager(5000);
    const closed = jest.fn();
    shutdown.register('close store', closed);
    shutdown.register('close bus', async () => {
      throw new TimeoutError('kafka disconnect', 100);
    });

    const outcome = await shutdown.shutdown('SIGTERM');

    expect(outcome).toEqual({ exitCode: 1, failed: ['close bus'], timedOut: undefined, skipped: [] });
    expect(closed).toHaveBeenCalledTimes(1);
  });
});
