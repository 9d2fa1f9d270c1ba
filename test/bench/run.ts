/**
 * `pnpm bench NAME [args...]` runs test/bench/NAME.bench.ts in a child process with the
 * DMS_* addresses of deploy/local/infra.sh (started if needed); `pnpm bench` lists them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = __dirname;
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && !f.startsWith('.'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const [name, ...args] = process.argv.slice(2);

if (name === undefined || !names.includes(name)) {
  if (name !== undefined) console.error(`unknown benchmark "${name}"`);
  console.error(`usage: pnpm bench NAME [args]   NAME one of: ${names.join(', ')}`);
  process.exit(name === undefined ? 0 : 2);
}

const env = { ...process.env };
/** Benchmarks that need no server: syncml is pure CPU, campaign-enqueue runs in embedded mode. */
const serverless = ['syncml', 'campaign-enqueue'];
if (!serverless.includes(name) && env.DMS_KAFKA_BROKERS === undefined) {
  // Benchmarks of services run against the real servers.
  const exports = execFileSync('bash', [join(dir, '../../deploy/local/infra.sh'), 'up'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for (const m of exports.matchAll(/^export (\w+)=(.*)$/gm)) env[m[1]!] = m[2]!.replace(/^'|'$/g, '');
}
const result = spawnSync(process.execPath, ['--import', 'tsx', join(dir, `${name}.bench.ts`), ...args], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
