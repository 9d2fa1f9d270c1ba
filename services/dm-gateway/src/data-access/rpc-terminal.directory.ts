import type { Rpc } from '@dms/bus';
import type { TerminalDirectory } from '../domain/msisdn.resolver';

/** Wake-up must not wait long: a missing answer only means no SMS (the job stays queued). */
export const TERMINAL_LOOKUP_TIMEOUT_MS = 2_000;

/** subscriber-terminal.get-terminal.v1 over the Rpc port (NATS, or the in-process hub when embedded). */
export class RpcTerminalDirectory implements TerminalDirectory {
  constructor(
    private readonly rpc: Rpc,
    private readonly timeoutMs = TERMINAL_LOOKUP_TIMEOUT_MS,
  ) {}

  async currentMsisdn(imei: string): Promise<string | undefined> {
    const { terminal } = await this.rpc.request('subscriber-terminal.get-terminal.v1', { imei }, { timeoutMs: this.timeoutMs });
    const msisdn = terminal?.currentMsisdn;
    return msisdn === undefined || msisdn === '' ? undefined : msisdn;
  }
}
