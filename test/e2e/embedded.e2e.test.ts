/**
 * `pnpm start` as a newcomer runs it: the embedded process (every service, in-process bus
 * and RPC, SQLite files under DMS_DATA_DIR, one HTTP port) spawned as
 * `node --import tsx services/embedded/src/main.ts`. HLR observations posted to the REST
 * API become subscribers with their terminal; SIGTERM stops it with exit 0 within the
 * bound; a restart on the same directory keeps the data and the generated admin token;
 * an batch of observations accepted just before a SIGKILL is applied after the restart (bus journal).
 * Needs none of the real servers (the e2e project's global setup starts them anyway).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatedHandset } from '../../libs/device-sim/src/index';
import { describeConfig } from '../../libs/service-kit/src/index';
import { embeddedConfig, EMBEDDED_SHUTDOWN_TIMEOUT_MS } from '../../services/embedded/src/config';
import {
  embeddedEnv,
  sleep,
  spawnEmbedded,
  startEmbedded,
  type RunningEmbedded,
} from '../../services/embedded/src/test-support/embedded-process.harness';

jest.setTimeout(180_000);

const MSISDN = '491700000001';
const IMEI = '490154203237518';
const SECOND_IMEI = '356938035643809';

const BATCH = 500;

/** Sum of every sample of one counter in Prometheus text. */
function sumOf(metrics: string, name: string): number {
  return metrics
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

const observation = (msisdn: string, imei: string, observedAt: string) => ({
  msisdn,
  imsi: '262011234567890',
  imei,
  observedAt,
  source: 'e2e',
});

async function api(
  run: RunningEmbedded,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; type: string; body: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${run.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: text === '' ? null : JSON.parse(text),
  };
}

/** The part of GET /api/v1/subscribers/{msisdn} the test reads. */
interface SubscriberBody {
  msisdn: string;
  terminal: { givenImei: string } | null;
  history: unknown[];
}

async function subscriberEventually(
  run: RunningEmbedded,
  token: string,
  msisdn: string,
  timeoutMs = 20_000,
): Promise<SubscriberBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await api(run, token, 'GET', `/api/v1/subscribers/${msisdn}`);
    if (answer.status === 200) return answer.body as SubscriberBody;
    if (Date.now() > deadline)
      throw new Error(`subscriber ${msisdn} not there: ${answer.status} ${JSON.stringify(answer.body)}`);
    await sleep(100);
  }
}

async function stopWith(
  run: RunningEmbedded,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  run.child.kill(signal);
  const status = await run.exited;
  return { code: status.code, ms: Date.now() - started };
}

describe('embedded mode: every service in one process', () => {
  let dataDir: string;
  const running: RunningEmbedded[] = [];
  const start = async (): Promise<RunningEmbedded> => {
    const run = await startEmbedded(dataDir);
    running.push(run);
    return run;
  };

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dms-embedded-e2e-'));
  });
  afterEach(() => {
    for (const run of running.splice(0))
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('turns posted HLR observations into subscribers, stops on SIGTERM with 0 and keeps data and token across a restart', async () => {
    const first = await start();
    const tokenFile = join(dataDir, 'secrets', 'admin-token');
    const token = readFileSync(tokenFile, 'utf8').trim();
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(first.stdout()).toContain(token);

    const unauthorised = await api(first, undefined, 'GET', `/api/v1/subscribers/${MSISDN}`);
    expect(unauthorised.status).toBe(401);
    expect(unauthorised.type).toContain('application/problem+json');
    expect(unauthorised.body).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });

    const accepted = await api(first, token, 'POST', '/api/v1/hlr/observations', [
      observation(MSISDN, IMEI, '2026-11-28T10:00:00Z'),
    ]);
    expect(accepted).toMatchObject({ status: 202, body: { accepted: 1 } });
    const subscriber = await subscriberEventually(first, token, MSISDN);
    expect(subscriber).toMatchObject({
      msisdn: MSISDN,
      terminal: { givenImei: IMEI, tac: IMEI.slice(0, 8), currentMsisdn: MSISDN },
    });

    const stopped = await stopWith(first, 'SIGTERM');
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(EMBEDDED_SHUTDOWN_TIMEOUT_MS + 2000);

    const second = await start();
    expect(second.stdout()).not.toContain(token);
    expect(second.stdout()).toContain(tokenFile);
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(token);
    const again = await api(second, token, 'GET', `/api/v1/subscribers/${MSISDN}`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ msisdn: MSISDN, terminal: { givenImei: IMEI } });
    expect((await stopWith(second, 'SIGTERM')).code).toBe(0);
  });

  it('applies after a restart the observations accepted just before the process was SIGKILLed', async () => {
    const first = await start();
    const token = readFileSync(join(dataDir, 'secrets', 'admin-token'), 'utf8').trim();
    // Enough that the detector is still working through them when the kill lands.
    const msisdns = Array.from({ length: BATCH }, (_, i) => `4917100${String(i).padStart(5, '0')}`);
    const batch = msisdns.map((msisdn) => observation(msisdn, SECOND_IMEI, '2026-11-28T11:00:00Z'));
    const accepted = await api(first, token, 'POST', '/api/v1/hlr/observations', batch);
    expect(accepted).toMatchObject({ status: 202, body: { accepted: BATCH } });
    await stopWith(first, 'SIGKILL');

    const second = await start();
    const last = await subscriberEventually(second, token, msisdns[BATCH - 1] as string, 60_000);
    expect(last).toMatchObject({ terminal: { givenImei: SECOND_IMEI } });
    for (const msisdn of [msisdns[0], msisdns[Math.floor(BATCH / 2)]] as string[])
      expect((await api(second, token, 'GET', `/api/v1/subscribers/${msisdn}`)).status).toBe(200);
    // Counters start at zero in the new process: what it applied came from the bus journal.
    const metrics = await (await fetch(`${second.url}/metrics`)).text();
    expect(sumOf(metrics, 'dms_hlr_observations_total')).toBeGreaterThan(0);
  });

  it('drains on a SIGTERM that arrives mid-batch: exit 0 within the bound, and every accepted observation is applied', async () => {
    const first = await start();
    const token = readFileSync(join(dataDir, 'secrets', 'admin-token'), 'utf8').trim();
    const msisdns = Array.from({ length: BATCH }, (_, i) => `4917200${String(i).padStart(5, '0')}`);
    const batch = msisdns.map((msisdn) => observation(msisdn, IMEI, '2026-11-28T12:00:00Z'));
    expect((await api(first, token, 'POST', '/api/v1/hlr/observations', batch)).status).toBe(202);

    const stopped = await stopWith(first, 'SIGTERM');
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(EMBEDDED_SHUTDOWN_TIMEOUT_MS + 2000);

    const second = await start();
    for (const msisdn of [msisdns[0], msisdns[BATCH - 1]] as string[])
      expect(await subscriberEventually(second, token, msisdn, 60_000)).toMatchObject({
        terminal: { givenImei: IMEI },
      });
  });

  it('lets a simulated handset complete a DM session on /dm and its inventory reach the terminal record', async () => {
    const run = await start();
    const token = readFileSync(join(dataDir, 'secrets', 'admin-token'), 'utf8').trim();
    const deviceId = `IMEI:${SECOND_IMEI}`;
    const account = {
      deviceId,
      username: 'e2e-user',
      password: 'client-secret',
      authType: 'md5',
      serverId: 'dms-e2e',
      serverPassword: 'server-secret',
    };
    expect((await api(run, token, 'POST', '/api/v1/dm-accounts', account)).status).toBe(201);
    const handset = new SimulatedHandset({
      deviceId,
      family: 'oma-standard',
      encoding: 'wbxml',
      serverUrl: `${run.url}/dm`,
      auth: {
        scheme: 'md5',
        username: account.username,
        password: account.password,
        serverId: account.serverId,
        serverPassword: account.serverPassword,
        verifyServer: true,
      },
    });

    const report = await handset.startSession();

    expect(report.outcome).toBe('completed');
    const sessions = await api(run, token, 'GET', `/api/v1/devices/${encodeURIComponent(deviceId)}/sessions`);
    expect(sessions.body).toMatchObject({
      sessions: [{ deviceId, outcome: 'completed', encoding: 'wbxml' }],
    });
    // device.inventory-reported.v1 from dm-gateway, consumed by subscriber-terminal over the shared bus.
    const deadline = Date.now() + 20_000;
    let terminal = await api(run, token, 'GET', `/api/v1/terminals/${SECOND_IMEI}`);
    while (terminal.status !== 200 && Date.now() < deadline) {
      await sleep(100);
      terminal = await api(run, token, 'GET', `/api/v1/terminals/${SECOND_IMEI}`);
    }
    expect(terminal).toMatchObject({
      status: 200,
      body: { givenImei: SECOND_IMEI, dm: { dmVersion: '1.2' } },
    });
    expect((await stopWith(run, 'SIGTERM')).code).toBe(0);
  });

  it('lists every variable of the embedded process on --help', async () => {
    const help = spawnEmbedded(['--help'], embeddedEnv({}));
    expect((await help.exited).code).toBe(0);
    for (const row of describeConfig(embeddedConfig)) expect(help.stdout()).toContain(row.env);
  });

  it('refuses a wrong variable with one line naming it', async () => {
    const wrong = spawnEmbedded([], embeddedEnv({ DMS_DATA_DIR: dataDir, PORT: 'eighty' }));
    expect((await wrong.exited).code).toBe(78);
    expect(wrong.stderr().trim().split('\n')).toEqual([expect.stringContaining('PORT')]);
  });

  it('refuses, with one line naming the variable, a data directory or a port already in use', async () => {
    const first = await start();
    const sameDir = spawnEmbedded([], embeddedEnv({ DMS_DATA_DIR: dataDir, PORT: '0' }));
    expect((await sameDir.exited).code).toBe(78);
    expect(sameDir.stderr().trim().split('\n')).toEqual([
      expect.stringMatching(/DMS_DATA_DIR: .* is in use by process \d+/),
    ]);

    const port = new URL(first.url).port;
    const otherDir = join(dataDir, 'other');
    const samePort = spawnEmbedded(
      [],
      embeddedEnv({ DMS_DATA_DIR: otherDir, PORT: port, DMS_HTTP_HOST: '127.0.0.1' }),
    );
    expect((await samePort.exited).code).toBe(78);
    expect(samePort.stderr().trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`PORT: port ${port} is in use`)),
    ]);
    expect(existsSync(join(otherDir, 'embedded.lock'))).toBe(false);
  });

  it('answers an unknown service name of start:service with the valid names and exit 2', async () => {
    const launcher = spawnEmbedded(
      ['no-such-service'],
      embeddedEnv({}),
      'services/embedded/src/start-service.ts',
    );
    expect((await launcher.exited).code).toBe(2);
    expect(launcher.stderr().trim().split('\n')).toEqual([
      expect.stringMatching(/no-such-service.*dm-gateway, firmware, hlr-detector, subscriber-terminal/),
    ]);
  });
});
