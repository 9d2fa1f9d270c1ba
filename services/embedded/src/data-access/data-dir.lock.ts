import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, OperationalError } from '@dms/service-kit';

export const LOCK_FILE = 'embedded.lock';

/**
 * Another live process runs on the same data directory: both would replay and commit one
 * bus journal. A configuration error (one line, exit 78): the operator picks the directory.
 */
export class DataDirInUseError extends ConfigError {
  constructor(dataDir: string, pid: number) {
    super(
      [
        {
          env: 'DMS_DATA_DIR',
          problem: `${dataDir} is in use by process ${pid}; stop it or choose another directory`,
        },
      ],
      {
        details: { dataDir, pid },
      },
    );
  }
}

/** The lock file cannot be created (directory not writable, disk full). */
export class DataDirLockError extends OperationalError {
  constructor(file: string, cause: unknown) {
    super('EMBEDDED_DATA_DIR_LOCK', `cannot create ${file}`, { retriable: false, cause, details: { file } });
  }
}

export interface DataDirLock {
  release(): void;
}

/**
 * Takes `<data dir>/embedded.lock` holding this pid. A lock left by a process that is gone
 * (killed, power loss) is taken over; one held by a live process refuses the start.
 */
export function lockDataDir(dataDir: string, pid = process.pid): DataDirLock {
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, `${pid}\n`);
      closeSync(fd);
      return { release: () => rmSync(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== pid && isAlive(holder))
        throw new DataDirInUseError(dataDir, holder);
      rmSync(file, { force: true });
    }
  }
  throw new DataDirInUseError(dataDir, Number.NaN);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
