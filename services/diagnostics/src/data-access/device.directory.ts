import type { Rpc } from '@dms/bus';
import type { ExpectedSettings } from '@dms/contracts';
import type { Logger } from '@dms/service-kit';

/** What subscriber-terminal knows of a handset, catalog first. */
export interface TerminalFacts {
  msisdn?: string;
  manufacturer?: string;
  model?: string;
  /** The catalog's current firmware of the model (catalog `extra[<latestFwKey>]`). */
  latestFwV?: string;
}

export type SubscriberLookup = { kind: 'found'; imei?: string } | { kind: 'unknown' } | { kind: 'unavailable' };
export type ExpectedLookup = { kind: 'found'; expected: ExpectedSettings } | { kind: 'none' } | { kind: 'unavailable' };

export interface DirectoryOptions {
  timeoutMs: number;
  /** Key of the catalog's `extra` map holding the current firmware version. */
  latestFwKey: string;
}

/**
 * The lookups a run needs from subscriber-terminal and config over RPC. None of them may
 * block or fail a run: a timeout, no responder or a remote error is logged and answered
 * as "unknown", and the run reads what it can from the handset itself.
 */
export class DeviceDirectory {
  constructor(
    private readonly rpc: Rpc,
    private readonly options: DirectoryOptions,
    private readonly logger: Logger,
  ) {}

  async terminal(imei: string): Promise<TerminalFacts | undefined> {
    try {
      const { terminal } = await this.rpc.request('subscriber-terminal.get-terminal.v1', { imei }, { timeoutMs: this.options.timeoutMs });
      if (terminal === null) return undefined;
      const manufacturer = terminal.catalog?.manufacturer ?? terminal.manufacturer;
      const model = terminal.catalog?.model ?? terminal.model;
      const latestFwV = terminal.catalog?.extra?.[this.options.latestFwKey];
      return {
        ...(terminal.currentMsisdn === undefined ? {} : { msisdn: terminal.currentMsisdn }),
        ...(manufacturer === undefined ? {} : { manufacturer }),
        ...(model === undefined ? {} : { model }),
        ...(latestFwV === undefined ? {} : { latestFwV }),
      };
    } catch (err) {
      this.logger.warn({ err, imei }, 'subscriber-terminal lookup failed; going on without catalog data');
      return undefined;
    }
  }

  async subscriber(msisdn: string): Promise<SubscriberLookup> {
    try {
      const { subscriber } = await this.rpc.request('subscriber-terminal.get-subscriber.v1', { msisdn }, { timeoutMs: this.options.timeoutMs });
      if (subscriber === null) return { kind: 'unknown' };
      return subscriber.terminal === null ? { kind: 'found' } : { kind: 'found', imei: subscriber.terminal.imei };
    } catch (err) {
      this.logger.warn({ err, msisdn }, 'subscriber lookup failed');
      return { kind: 'unavailable' };
    }
  }

  async expectedSettings(query: { manufacturer?: string; model?: string; tac?: string }): Promise<ExpectedLookup> {
    if (query.manufacturer === undefined && query.model === undefined && query.tac === undefined) return { kind: 'none' };
    try {
      const { expected } = await this.rpc.request('config.expected-settings.v1', query, { timeoutMs: this.options.timeoutMs });
      return expected === null ? { kind: 'none' } : { kind: 'found', expected };
    } catch (err) {
      this.logger.warn({ err, ...query }, 'config did not tell the expected settings');
      return { kind: 'unavailable' };
    }
  }
}
