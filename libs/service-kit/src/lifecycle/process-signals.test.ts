import { EventEmitter } from 'node:events';
import type { DestinationStream } from 'pino';
import { createLogger } from '../logging/logger.factory';
import { handleProcessSignals, type ProcessPort } from './process-signals';
import { ShutdownManager } from './shutdown.manager';

class FakeProcess extends EventEmitter implements ProcessPort {
  readonly exits: number[] = [];
  exit(code: number): void {
    this.exits.push(code);
  }
}

function setUp(): { proc: FakeProcess; shutdown: ShutdownManager; uninstall: () => void; logs: string[] } {
  const logs: string[] = [];
  const destination: DestinationStream = { write: (line: string) => void logs.push(line) };
  const logger = createLogger({ service: 'signals-test', destination });
  const proc = new FakeProcess();
  const shutdown = new ShutdownManager({ logger, timeoutMs: 300 });
  const uninstall = handleProcessSignals({ shutdown, logger, proc });
  return { proc, shutdown, uninstall, logs };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('handleProcessSignals', () => {
  it('exits with the shutdown outcome after SIGTERM', async () => {
    const { proc, shutdown } = setUp();
    const closed = jest.fn();
    shutdown.register('close', closed);

    proc.emit('SIGTERM', 'SIGTERM');
    await settle();

    expect(closed).toHaveBeenCalledTimes(1);
    expect(proc.exits).toEqual([0]);
  });

  it('forces exit 1 on a second signal while hooks still run', async () => {
    const { proc, shutdown } = setUp();
    shutdown.register('slow', () => new Promise<void>(() => undefined));

    proc.emit('SIGINT', 'SIGINT');
    proc.emit('SIGINT', 'SIGINT');

    expect(proc.exits).toEqual([1]);
    expect(shutdown.isDraining()).toBe(true);
  });

  it('shuts down with exit 1 on an unhandled rejection even when hooks succeed', async () => {
    const { proc, logs } = setUp();

    proc.emit('unhandledRejection', new RangeError('lost promise'));
    await settle();

    expect(proc.exits).toEqual([1]);
    expect(logs.join('')).toContain('RangeError: lost promise');
  });

  it('stops listening once uninstalled', () => {
    const { proc, uninstall } = setUp();

    uninstall();

    expect(proc.listenerCount('SIGTERM') + proc.listenerCount('uncaughtException')).toBe(0);
  });
});
