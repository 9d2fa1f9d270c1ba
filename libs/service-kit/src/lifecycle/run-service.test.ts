import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const FIXTURE = join(__dirname, 'fixtures', 'service.fixture.ts');
const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  logs: () => Record<string, unknown>[];
  waitForLog: (msg: string) => Promise<Record<string, unknown>>;
}

/**
 * Runs the fixture in its own Node process with tsx loaded in-process (`node --import tsx`)
 * rather than through the npx/tsx wrappers, so the signals the test sends reach the
 * process under test and not a parent that relays them.
 */
function start(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    waiters.forEach((wake) => wake());
  });
  child.stderr!.on('data', (chunk: Buffer) => void (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const logs = (): Record<string, unknown>[] =>
    out
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const waitForLog = (msg: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = logs().find((line) => line.msg === msg);
        if (found) resolve(found);
      };
      waiters.push(check);
      check();
      void exited.then(() => reject(new RangeError(`exited before logging "${msg}"; stderr: ${err}`)));
    });
  return { child, stdout: () => out, stderr: () => err, exited, logs, waitForLog };
}

jest.setTimeout(30_000);

describe('runService in a child process', () => {
  it('exits 78 with exactly one stderr line naming a bad variable', async () => {
    const run = start({ DMS_KAFKA_BROKERS: 'foo' });

    const { code } = await run.exited;

    expect(code).toBe(78);
    expect(run.stderr()).toBe(
      'fixture: configuration error: DMS_KAFKA_BROKERS: expected host:port[,host:port...], got "foo"\n',
    );
  });

  it('exits 78 with one line when main itself throws a ConfigError', async () => {
    const run = start({ FIXTURE_MODE: 'late-config' });

    const { code } = await run.exited;

    expect(code).toBe(78);
    expect(run.stderr()).toBe(
      'fixture: configuration error: DMS_TENANT: expected a tenant known to the console, got "x"\n',
    );
  });

  it('exits 1 on another start-up error with one stderr line and the stack in the JSON log', async () => {
    const run = start({ FIXTURE_MODE: 'crash' });

    const { code } = await run.exited;

    expect(code).toBe(1);
    expect(run.stderr()).toBe('fixture: start-up failed: cannot reach the thing second line\n');
    const fatal = run.logs().find((line) => line.msg === 'start-up failed') as { err: { stack: string } };
    expect(fatal.err.stack).toContain('TypeError: cannot reach the thing');
  });

  it('on SIGTERM runs the hooks in reverse order and exits 0 within the bound', async () => {
    const run = start({ FIXTURE_TOKEN: 'tok-never-logged' });
    await run.waitForLog('fixture listening');

    const signalled = Date.now();
    run.child.kill('SIGTERM');
    const { code } = await run.exited;

    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(2000);
    const hooks = run
      .logs()
      .filter((line) => line.msg === 'hook ran')
      .map((line) => line.hook);
    expect(hooks).toEqual(['stop taking work', 'drain in-flight', 'close connections']);
    expect(run.stdout()).not.toContain('tok-never-logged');
    expect(run.stderr()).toBe('');
  });

  it('exits 1 after the bound when a hook hangs, naming it', async () => {
    const run = start({ FIXTURE_MODE: 'hang', FIXTURE_SHUTDOWN_MS: '700' });
    await run.waitForLog('fixture listening');

    const signalled = Date.now();
    run.child.kill('SIGTERM');
    const { code } = await run.exited;
    const elapsed = Date.now() - signalled;

    expect(code).toBe(1);
    expect(elapsed).toBeGreaterThanOrEqual(650);
    expect(elapsed).toBeLessThan(3000);
    expect(run.logs()).toContainEqual(
      expect.objectContaining({
        msg: 'shutdown ran out of time',
        hook: 'stop taking work',
        skipped: ['drain in-flight', 'close connections'],
      }),
    );
  });

  it('exits at once on a second signal while a hook hangs', async () => {
    const run = start({ FIXTURE_MODE: 'hang', FIXTURE_SHUTDOWN_MS: '20000' });
    await run.waitForLog('fixture listening');

    run.child.kill('SIGTERM');
    await run.waitForLog('shutting down');
    const second = Date.now();
    run.child.kill('SIGINT');
    const { code } = await run.exited;

    expect(code).toBe(1);
    expect(Date.now() - second).toBeLessThan(2000);
  });
});
