/**
 * Two dm-gateway processes (services/dm-gateway/src/main.ts, as two pods would run) on real
 * Kafka, FerretDB and Redis, behind a transport that alternates between them like a load
 * balancer without affinity, serve one OMA DM session: a job queued through one process
 * runs across messages served by both, and either process reports it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SimulatedHandset } from '../../libs/device-sim/src/index';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '../..');
const TOKEN = randomBytes(16).toString('hex');
const RUN = `e2e-dmproc-${randomBytes(4).toString('hex')}`;

interface GatewayProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly output: string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new TypeError(`${name} is not set: run "bash deploy/local/infra.sh up"`);
  return value;
}

async function startGatewayProcess(): Promise<GatewayProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/dm-gateway/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DMS_ADMIN_TOKEN: TOKEN,
      DMS_KAFKA_BROKERS: env('DMS_KAFKA_BROKERS'),
      DMS_TOPIC_PREFIX: `${RUN}.`,
      DMS_MONGO_URL: env('DMS_MONGO_URL'),
      DMS_DM_MONGO_DATABASE: RUN.replace(/-/g, '_'),
      DMS_REDIS_URL: env('DMS_REDIS_URL'),
      DMS_DM_REDIS_PREFIX: `${RUN}:`,
      DMS_NATS_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new TypeError(`gateway exited with ${child.exitCode}: ${output.join('')}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { url, child, output };
    if (Date.now() > until) throw new TypeError(`gateway not ready within 90 s: ${output.join('')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stop(gateway: GatewayProcess | undefined): Promise<number | null> {
  if (!gateway || gateway.child.exitCode !== null) return gateway?.child.exitCode ?? null;
  const exited = new Promise<number | null>((resolve) => gateway.child.once('exit', (code) => resolve(code)));
  gateway.child.kill('SIGTERM');
  return exited;
}

async function api(
  gateway: GatewayProcess,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

describe('two dm-gateway processes sharing Kafka, FerretDB and Redis', () => {
  let a: GatewayProcess | undefined;
  let b: GatewayProcess | undefined;

  beforeAll(async () => {
    [a, b] = await Promise.all([startGatewayProcess(), startGatewayProcess()]);
  });
  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
  });

  it('serve alternate messages of one session, and both processes stop cleanly', async () => {
    const first = a!;
    const second = b!;
    const deviceId = `IMEI:35693803${String(Date.now()).slice(-6)}0`;
    const account = {
      deviceId,
      username: 'proc-user',
      password: 'client-secret',
      authType: 'md5',
      serverId: 'dms',
      serverPassword: 'server-secret',
    };
    expect((await api(first, 'POST', '/api/v1/dm-accounts', account)).status).toBe(201);
    const commands = Array.from({ length: 30 }, (_, i) => ({
      verb: 'Get',
      target: i % 2 === 0 ? './DevDetail/FwV' : './DevInfo/Mod',
    }));
    const queued = await api(first, 'POST', `/api/v1/devices/${encodeURIComponent(deviceId)}/jobs`, {
      commands,
    });
    expect(queued.status).toBe(201);
    const jobId = (queued.body as { jobId: string }).jobId;

    const served = new Map<string, number>();
    let turn = 0;
    const alternating: typeof fetch = (input, init) => {
      const target = turn++ % 2 === 0 ? first : second;
      served.set(target.url, (served.get(target.url) ?? 0) + 1);
      const url = new URL(String(input));
      url.host = new URL(target.url).host;
      return fetch(url, init);
    };
    const handset = new SimulatedHandset({
      deviceId,
      family: 'oma-standard',
      encoding: 'xml',
      serverUrl: `${first.url}/dm`,
      auth: {
        scheme: 'md5',
        username: account.username,
        password: account.password,
        serverId: 'dms',
        serverPassword: account.serverPassword,
        verifyServer: true,
      },
      maxMsgSize: 3000,
      fetch: alternating,
    });

    const report = await handset.startSession();

    expect(report.outcome).toBe('completed');
    expect(report.messagesSent).toBeGreaterThanOrEqual(4);
    expect(served.get(first.url)).toBeGreaterThanOrEqual(2);
    expect(served.get(second.url)).toBeGreaterThanOrEqual(2);
    const job = await api(second, 'GET', `/api/v1/devices/${encodeURIComponent(deviceId)}/jobs/${jobId}`);
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({ state: 'completed' });
    expect(await Promise.all([stop(first), stop(second)])).toEqual([0, 0]);
  });
});
