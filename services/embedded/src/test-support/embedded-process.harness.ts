import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { OperationalError } from '@dms/service-kit';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');
const MAIN = 'services/embedded/src/main.ts';
const LISTENING = 'embedded DMS listening';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface EmbeddedProcess {
  readonly child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<ExitStatus>;
}

export interface RunningEmbedded extends EmbeddedProcess {
  readonly url: string;
}

/**
 * The environment of a spawned embedded process: the test's own minus every DMS_* variable
 * (the e2e setup exports the addresses of the real servers, which embedded mode never uses).
 */
export function embeddedEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env))
    if (!name.startsWith('DMS_') && name !== 'PORT') env[name] = value;
  return { ...env, LOG_LEVEL: 'info', ...extra };
}

/** `node --import tsx services/embedded/src/main.ts` directly (not via pnpm), so signals reach it. */
export function spawnEmbedded(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  script = MAIN,
): EmbeddedProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<ExitStatus>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Starts on PORT=0 and resolves with the URL once /readyz answers 200. */
export async function startEmbedded(dataDir: string, timeoutMs = 60_000): Promise<RunningEmbedded> {
  const proc = spawnEmbedded(
    [],
    embeddedEnv({ DMS_DATA_DIR: dataDir, PORT: '0', DMS_HTTP_HOST: '127.0.0.1' }),
  );
  let exit: ExitStatus | undefined;
  void proc.exited.then((status) => (exit = status));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exit)
      throw new ProcessFailedError(
        `embedded process exited early (${JSON.stringify(exit)}): ${proc.stderr()}`,
      );
    const port = listeningPort(proc.stdout());
    if (port !== undefined) {
      const url = `http://127.0.0.1:${port}`;
      const ready = await fetch(`${url}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) return { ...proc, url };
    }
    await sleep(100);
  }
  proc.child.kill('SIGKILL');
  throw new ProcessFailedError(
    `embedded process not ready within ${timeoutMs} ms: ${proc.stdout()}${proc.stderr()}`,
  );
}

function listeningPort(stdout: string): number | undefined {
  for (const line of stdout.split('\n')) {
    if (!line.includes(LISTENING)) continue;
    const parsed = JSON.parse(line) as { port?: number };
    return parsed.port;
  }
  return undefined;
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Test-harness failure (the process did not come up), distinct from an assertion failure. */
export class ProcessFailedError extends OperationalError {
  constructor(message: string) {
    super('EMBEDDED_PROCESS_FAILED', message, { retriable: false });
  }
}
