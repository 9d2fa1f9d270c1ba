/**
 * Commands written to a connection that then drops. ioredis (with
 * autoResendUnfulfilledCommands off) forgets them and they would only fail at the
 * command timeout; failing them the moment the connection closes tells the caller at
 * once that the outcome is unknown and it may retry.
 */
export class InFlightCommands {
  private readonly pending = new Set<(error: unknown) => void>();

  track<R>(command: Promise<R>): Promise<R> {
    let abort: (error: unknown) => void = () => undefined;
    const aborted = new Promise<never>((_, reject) => {
      abort = reject;
    });
    this.pending.add(abort);
    // The command's own late rejection (its timeout) has nobody left to tell.
    command.catch(() => undefined);
    return Promise.race([command, aborted]).finally(() => this.pending.delete(abort));
  }

  abortAll(error: unknown): void {
    for (const abort of this.pending) abort(error);
    this.pending.clear();
  }
}
