import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { InvalidQueryError } from '../errors/invalid-query.error';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(__dirname, '../../../..');

/**
 * Integration tests read the servers from the variables the jest global setup loads
 * from `deploy/local/infra.sh up` (the library itself never reads the environment).
 * A missing variable fails the test: an integration test that silently skips proves nothing.
 */
export function infraEnv(name: 'DMS_MONGO_URL' | 'DMS_REDIS_URL'): string {
  const value = process.env[name];
  if (!value) throw new InvalidQueryError(`${name} is not set; run the integration project (infra.sh up)`);
  return value;
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/**
 * Restarts one server with its data kept and returns once it answers again
 * (`infra.sh restart <name>`). DMS_INFRA_SCRIPT points elsewhere for a hand-run setup.
 */
export async function restartServer(name: 'ferretdb' | 'redis'): Promise<void> {
  const script = process.env['DMS_INFRA_SCRIPT'] ?? path.join(REPO_ROOT, 'deploy/local/infra.sh');
  await run('bash', [script, 'restart', name], { cwd: REPO_ROOT, timeout: 120_000 });
}
