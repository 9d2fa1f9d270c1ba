import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { ImportProgress } from './observation.import';

/**
 * The import's progress bar on stderr: share of the file read (by bytes, so a streamed
 * file needs no row count up front), rows/s and the invalid count. Invalid rows are
 * printed above the bar with their line numbers, the first `maxListed` of them.
 */
export class ImportProgressBar implements ImportProgress {
  private readonly multibar: MultiBar;
  private readonly bar: SingleBar;
  private readonly started = performance.now();
  private bytesRead = 0;
  private listed = 0;
  private stopped = false;

  constructor(
    totalBytes: number,
    private readonly maxListed = 1000,
  ) {
    this.multibar = new MultiBar(
      {
        format: '{bar} {percentage}% | {rows} rows | {rate} rows/s | {invalid} invalid',
        stream: process.stderr,
        hideCursor: true,
        noTTYOutput: true,
        notTTYSchedule: 5000,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
    this.bar = this.multibar.create(Math.max(totalBytes, 1), 0, { rows: 0, rate: 0, invalid: 0 });
  }

  bytes(count: number): void {
    this.bytesRead += count;
  }

  rows(published: number, invalid: number): void {
    const seconds = (performance.now() - this.started) / 1000;
    const rows = published + invalid;
    this.bar.update(this.bytesRead, { rows, invalid, rate: Math.round(rows / Math.max(seconds, 0.001)) });
  }

  invalidRow(line: number, reason: string): void {
    if (this.listed < this.maxListed) this.print(`line ${line}: ${reason}\n`);
    else if (this.listed === this.maxListed) this.print('(further invalid rows are counted, not listed)\n');
    this.listed++;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.bar.update(this.bytesRead);
    this.multibar.stop();
  }

  /** On a terminal above the bar; elsewhere (a log file, CI) straight to stderr, since the bar is not redrawn there. */
  private print(text: string): void {
    if (process.stderr.isTTY) this.multibar.log(text);
    else process.stderr.write(text);
  }
}
