'use strict';
// Jest globalSetup of the integration and e2e projects (runs once per project, in jest's
// parent process). Makes sure the real servers are there and tells the workers where:
//  - if DMS_KAFKA_BROKERS, DMS_MONGO_URL, DMS_REDIS_URL and DMS_NATS_URL are all set (CI
//    evals `infra.sh up` first; a developer may point at servers of their own), use them;
//  - otherwise run `bash deploy/local/infra.sh up`, which installs what is missing, starts
//    what is stopped and prints `export NAME=value` lines.
// Either way the values go to process.env and to <infra dir>/env.json, which
// infra-env.setup.js loads in every worker. The servers stay up after the run (the next
// run starts in seconds); `pnpm infra down` stops them.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const INFRA_SCRIPT = path.join(ROOT, 'deploy', 'local', 'infra.sh');
const INFRA_DIR = process.env.DMS_INFRA_DIR || path.join(ROOT, '.infra');
const KEYS = ['DMS_KAFKA_BROKERS', 'DMS_MONGO_URL', 'DMS_REDIS_URL', 'DMS_NATS_URL'];
// A cold machine installs Kafka, FerretDB, Redis and NATS first: minutes, not seconds.
const UP_TIMEOUT_MS = 30 * 60 * 1000;

function fromEnvironment() {
  if (!KEYS.every((key) => process.env[key])) return undefined;
  return Object.fromEntries(KEYS.map((key) => [key, process.env[key]]));
}

function fromInfraScript() {
  process.stderr.write(
    '\n[infra] starting the test servers: bash deploy/local/infra.sh up ' +
      '(the first run on a machine installs Kafka, FerretDB, Redis and NATS and may take several minutes)\n',
  );
  const stdout = execFileSync('bash', [INFRA_SCRIPT, 'up'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: UP_TIMEOUT_MS,
  });
  const values = {};
  for (const line of stdout.split('\n')) {
    const match = /^export ([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) values[match[1]] = match[2].replace(/^'(.*)'$/, '$1');
  }
  const missing = KEYS.filter((key) => !values[key]);
  if (missing.length > 0) {
    throw new Error(`deploy/local/infra.sh up printed no value for ${missing.join(', ')}`);
  }
  return values;
}

// The console's browser tests drive Debian's Chromium; install it if missing (after infra.sh,
// as both use apt). DMS_CHROMIUM set (CI, or a browser of one's own) skips this.
function chromium() {
  if (process.env.DMS_CHROMIUM) return process.env.DMS_CHROMIUM;
  const out = execFileSync('bash', [path.join(ROOT, 'deploy', 'local', 'chromium.sh')], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: UP_TIMEOUT_MS,
  });
  return out.trim().split('\n').pop();
}

module.exports = async function infraGlobalSetup() {
  const values = { ...(fromEnvironment() ?? fromInfraScript()), DMS_INFRA_SCRIPT: INFRA_SCRIPT };
  values.DMS_CHROMIUM = chromium();
  Object.assign(process.env, values);
  fs.mkdirSync(INFRA_DIR, { recursive: true });
  const file = path.join(INFRA_DIR, 'env.json');
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(values, null, 2)}\n`);
  fs.renameSync(tmp, file);
};
