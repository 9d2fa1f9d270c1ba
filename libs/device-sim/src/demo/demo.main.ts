import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DemoApiClient, DemoApiError } from './demo-api.client';
import { planDemo } from './demo-scenario';
import { runDemo } from './demo.runner';
import { summaryTable } from './demo-verdict';

const usage = `pnpm demo [--url http://127.0.0.1:8080] [--token T] [--subscribers 12] [--timeout 180]
Runs simulated handsets and an HLR feed against a started system (pnpm start).
The admin token comes from --token, DMS_ADMIN_TOKEN, or <DMS_DATA_DIR or ./data>/secrets/admin-token.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: process.env.DMS_URL ?? `http://127.0.0.1:${process.env.PORT ?? '8080'}` },
      token: { type: 'string' },
      subscribers: { type: 'string', default: '12' },
      timeout: { type: 'string', default: '180' },
      'dm-path': { type: 'string', default: '/dm' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const token = values.token ?? process.env.DMS_ADMIN_TOKEN ?? readTokenFile();
  if (token === undefined) {
    process.stderr.write('demo: no admin token: pass --token, set DMS_ADMIN_TOKEN, or run from the folder where pnpm start keeps ./data\n');
    return 64;
  }
  const api = new DemoApiClient(values.url.replace(/\/$/, ''), token);
  if (!(await api.ready())) {
    process.stderr.write(`demo: ${values.url} is not ready: start the system first with \`pnpm start\` (or pass --url)\n`);
    return 69;
  }
  const plans = planDemo(Number(values.subscribers), Math.floor(Date.now() / 1000) % 10_000);
  const tty = process.stdout.isTTY === true;
  process.stdout.write(`demo: ${plans.length} subscribers, ${plans.reduce((n, p) => n + p.handsets.length, 0)} handsets against ${api.baseUrl}\n`);
  const results = await runDemo({
    api,
    plans,
    dmPath: values['dm-path'],
    deadlineMs: Number(values.timeout) * 1000,
    pollMs: 1500,
    onProgress: (line) => process.stdout.write(tty ? `\r${line}` : `${line}\n`),
  });
  const { text, failures } = summaryTable(results);
  process.stdout.write(`${tty ? '\n' : ''}${text}`);
  process.stdout.write(failures === 0 ? 'demo: every handset ended as expected\n' : `demo: ${failures} handset(s) did not end as expected\n`);
  return failures === 0 ? 0 : 1;
}

function readTokenFile(): string | undefined {
  const file = join(resolve(process.env.DMS_DATA_DIR ?? 'data'), 'secrets', 'admin-token');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof DemoApiError ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
