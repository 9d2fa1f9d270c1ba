import type { Rpc } from '@dms/bus';
import { imeiOfDeviceId, tacOf } from '@dms/contracts';
import type { Logger } from '@dms/service-kit';
import type { HandsetModel } from '../domain/template.model';

export interface TerminalLookup {
  /** Fills manufacturer/model from the terminal catalog and the TAC from the IMEI, where missing. */
  complete(deviceId: string, known: HandsetModel): Promise<HandsetModel>;
}

/** subscriber-terminal.get-terminal.v1 (the terminal's own data, else its catalog entry by TAC). */
export class RpcTerminalLookup implements TerminalLookup {
  constructor(
    private readonly rpc: Rpc,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {}

  async complete(deviceId: string, known: HandsetModel): Promise<HandsetModel> {
    const imei = imeiOfDeviceId(deviceId);
    const tac = known.tac ?? (imei === undefined ? undefined : tacOf(imei));
    if ((known.manufacturer !== undefined && known.model !== undefined) || imei === undefined) return { ...known, tac };
    try {
      const { terminal } = await this.rpc.request('subscriber-terminal.get-terminal.v1', { imei }, { timeoutMs: this.timeoutMs });
      return {
        manufacturer: known.manufacturer ?? terminal?.manufacturer ?? terminal?.catalog?.manufacturer,
        model: known.model ?? terminal?.model ?? terminal?.catalog?.model,
        tac,
      };
    } catch (err) {
      this.logger.warn({ err, deviceId }, 'terminal lookup failed; matching on what the report said');
      return { ...known, tac };
    }
  }
}
