import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { OperationalError } from '@dms/service-kit';

/** The real SMSC peer (Debian libnet-smpp-perl): shared/ lies beside the work tree (CI: beside the clone). */
export const SMSC_LOGGER_SCRIPT = [
  resolve(__dirname, '../../../../../shared/peers/smpp/smsc_logger.pl'),
  '/work/shared/peers/smpp/smsc_logger.pl',
].find((path) => existsSync(path));

/** One submit_sm as smsc_logger.pl logged it. */
export interface LoggedSubmitSm {
  readonly source: string;
  readonly destination: string;
  readonly esmClass: number;
  readonly dataCoding: number;
  readonly registeredDelivery: number;
  readonly shortMessage: Uint8Array;
  /** The logger's own UDH reading, e.g. `IEI=0x05 len=4 val=0b8423f0 (16-bit ports dst=2948 src=9200)`. */
  readonly udh: string;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

/**
 * Runs smsc_logger.pl on a free port. Every argument is passed: the script fills missing
 * ones from a list that shifts when fewer than four are given.
 */
export class PerlSmsc {
  private child: ChildProcess | undefined;
  readonly logFile: string;

  private constructor(
    readonly port: number,
    readonly systemId: string,
    readonly password: string,
  ) {
    this.logFile = join(mkdtempSync(join(tmpdir(), 'smsc-')), 'smsc.log');
  }

  static async start(systemId: string, password: string): Promise<PerlSmsc> {
    if (SMSC_LOGGER_SCRIPT === undefined)
      throw new OperationalError(
        'PEER_SMSC_MISSING',
        'shared/peers/smpp/smsc_logger.pl not found beside the work tree',
      );
    const smsc = new PerlSmsc(await freePort(), systemId, password);
    await smsc.restart();
    return smsc;
  }

  /** (Re)starts the process on the same port and log file; resolves once it listens. */
  async restart(): Promise<void> {
    const before = this.log().length;
    const child = spawn(
      'perl',
      [SMSC_LOGGER_SCRIPT ?? '', String(this.port), this.logFile, this.systemId, this.password],
      { stdio: 'ignore' },
    );
    this.child = child;
    for (let waited = 0; waited < 10_000; waited += 50) {
      if (this.log().slice(before).includes(`SMSC listening on 127.0.0.1:${this.port}`)) return;
      if (child.exitCode !== null) break;
      await sleep(50);
    }
    throw new OperationalError(
      'PEER_SMSC_NOT_STARTED',
      `smsc_logger.pl did not start on ${this.port} (exit ${child.exitCode}); log:\n${this.log().slice(before)}`,
    );
  }

  /** SIGKILL, as a crashed SMSC: the ESME's socket is reset without an unbind. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child === undefined || child.exitCode !== null) return;
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGKILL');
    await exited;
  }

  log(): string {
    return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
  }

  /** Every submit_sm in the log, in order. */
  submits(): LoggedSubmitSm[] {
    const lines = this.log()
      .split('\n')
      .map((l) => l.replace(/^\[[^\]]*\] /, ''));
    const out: LoggedSubmitSm[] = [];
    lines.forEach((line, i) => {
      const m =
        /^ {2}submit_sm .* src=\d+\/\d+\/(\S*) dst=\d+\/\d+\/(\S*) esm_class=0x(\w+) .*registered_delivery=0x(\w+) data_coding=0x(\w+)/.exec(
          line,
        );
      if (m === null) return;
      const sm = /^ {2}short_message hex=(\w*)/.exec(lines[i + 1] ?? '');
      const udh = /^ {2}UDH udhl=\d+ (.*)$/.exec(lines[i + 2] ?? '');
      out.push({
        source: m[1]!,
        destination: m[2]!,
        esmClass: parseInt(m[3]!, 16),
        registeredDelivery: parseInt(m[4]!, 16),
        dataCoding: parseInt(m[5]!, 16),
        shortMessage: Uint8Array.from(Buffer.from(sm?.[1] ?? '', 'hex')),
        udh: udh?.[1] ?? '',
      });
    });
    return out;
  }

  /** Waits until the log holds at least `count` submit_sm. */
  async waitForSubmits(count: number, timeoutMs = 10_000): Promise<LoggedSubmitSm[]> {
    for (let waited = 0; waited < timeoutMs; waited += 50) {
      const submits = this.submits();
      if (submits.length >= count) return submits;
      await sleep(50);
    }
    throw new OperationalError(
      'PEER_SMSC_NO_SUBMIT',
      `expected ${count} submit_sm in ${this.logFile}, found ${this.submits().length}`,
    );
  }
}
