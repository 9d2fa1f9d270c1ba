/**
 * Issue 7 must-show: `pnpm start` in a fresh data folder, `pnpm demo` against it (simulated
 * handsets and an HLR feed: subscribers appear, swap handsets, get diagnosed and configured,
 * one says no, one revoked consent, one never calls in), then checks through the REST API
 * that detections, diagnostic reports and configurations happened; restarts the system on
 * the same folder and checks that every one of them is still there.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  embeddedEnv,
  REPO_ROOT,
  startEmbedded,
  type RunningEmbedded,
} from '../../services/embedded/src/test-support/embedded-process.harness';

jest.setTimeout(300_000);

interface DemoRow {
  msisdn: string;
  deviceId: string;
  behaviour: string;
  ok: boolean;
}

function runDemo(url: string, token: string): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'libs/device-sim/src/demo/demo.main.ts', '--url', url, '--subscribers', '8', '--timeout', '200'], {
    cwd: REPO_ROOT,
    env: embeddedEnv({ DMS_ADMIN_TOKEN: token }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, out, err })));
}

/** The demo's summary table: one line per handset. */
function rowsOf(out: string): DemoRow[] {
  return out
    .split('\n')
    .map((line) => /^(\d{6,15})\s+(IMEI:\d{15})\s+\S+\s+(\S+)\s+(ok|UNEXPECTED)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ msisdn: m[1]!, deviceId: m[2]!, behaviour: m[3]!, ok: m[4] === 'ok' }));
}

interface ApiView {
  terminal?: { imei?: string } | null;
  reports?: { status?: string }[];
  items?: { status?: string }[];
  state?: string | { state?: string };
}

async function get(run: RunningEmbedded, token: string, path: string): Promise<{ status: number; body: ApiView | undefined }> {
  const res = await fetch(`${run.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as ApiView) : undefined };
}

/** What the API says of each handset: current terminal, completed reports, config state. */
async function snapshot(run: RunningEmbedded, token: string, rows: readonly DemoRow[]) {
  const out: Record<string, { imei?: string; reports: number; config?: string }> = {};
  for (const row of rows) {
    const sub = await get(run, token, `/api/v1/subscribers/${row.msisdn}`);
    const reports = await get(run, token, `/api/v1/diagnostics/reports?deviceId=${encodeURIComponent(row.deviceId)}`);
    const config = await get(run, token, `/api/v1/config/devices/${encodeURIComponent(row.deviceId)}`);
    const list = reports.body?.reports ?? reports.body?.items ?? [];
    const state = typeof config.body?.state === 'object' ? config.body.state : config.body;
    out[row.deviceId] = {
      ...(sub.body?.terminal?.imei === undefined ? {} : { imei: sub.body.terminal.imei }),
      reports: list.filter((r) => r.status === 'completed').length,
      ...(typeof state?.state === 'string' ? { config: state.state } : {}),
    };
  }
  return out;
}

describe('pnpm start + pnpm demo', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dms-demo-'));
  let run: RunningEmbedded | undefined;

  afterAll(async () => {
    run?.child.kill('SIGTERM');
    await run?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the demo detects, diagnoses and configures handsets, and nothing is lost across a restart', async () => {
    run = await startEmbedded(dataDir);
    const token = readFileSync(join(dataDir, 'secrets', 'admin-token'), 'utf8').trim();

    const demo = await runDemo(run.url, token);
    const rows = rowsOf(demo.out);

    expect({ code: demo.code, err: demo.err }).toEqual({ code: 0, err: '' });
    expect(new Set(rows.map((r) => r.behaviour))).toEqual(new Set(['accepts', 'refuses', 'revoked', 'unreachable', 'swaps']));
    expect(rows.every((r) => r.ok)).toBe(true);

    const before = await snapshot(run, token, rows);
    const configured = rows.filter((r) => r.behaviour === 'accepts' || r.behaviour === 'swaps');
    for (const r of configured) expect(before[r.deviceId]).toMatchObject({ config: 'applied' });
    for (const r of rows.filter((x) => x.behaviour !== 'unreachable')) expect(before[r.deviceId]?.reports).toBeGreaterThanOrEqual(1);
    expect(before[rows.find((r) => r.behaviour === 'unreachable')!.deviceId]).toMatchObject({ reports: 0 });
    const metrics = await (await fetch(`${run.url}/metrics`)).text();
    expect(metrics).toMatch(/detections/);

    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    run = await startEmbedded(dataDir);

    expect(await snapshot(run, token, rows)).toEqual(before);
  });
});
