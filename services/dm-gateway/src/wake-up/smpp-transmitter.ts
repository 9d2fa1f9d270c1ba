import type { PduFields } from 'smpp';
import { backoffDelay, isRetriable } from './retry.policy';
import { SmppClosedError } from './smpp.error';
import { SmppLink } from './smpp-link';
import { smscDefaults, type SmscOptions, type WakeUpLogger } from './smsc.options';

/**
 * The gateway's one SMPP transmitter session. Binds lazily on the first submit, rebinds in
 * the background with exponential backoff when the link drops (so the next wake-up finds
 * it bound), and unbinds on close. A refused bind stops the background attempts: it is a
 * configuration error that a retry cannot fix; the next submit tries once more and fails fast.
 */
export class SmppTransmitter {
  private link: Promise<SmppLink> | undefined;
  private failures = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly options: SmscOptions,
    private readonly logger: WakeUpLogger,
  ) {}

  get where(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  /** Sends one submit_sm (fields per SMPP 3.4 4.4.1); resolves with the SMSC message_id. */
  async submit(fields: PduFields): Promise<string> {
    const link = await this.bound();
    return link.submit(fields);
  }

  /** Resolves with a bound link, opening one if there is none. */
  bound(): Promise<SmppLink> {
    if (this.closed) return Promise.reject(new SmppClosedError());
    if (this.link === undefined) {
      const opening = SmppLink.open(this.options, this.logger, (link, reason) => this.lost(link, reason));
      this.link = opening;
      opening.then(
        () => {
          if (this.failures > 0)
            this.logger.info({ smsc: this.where, afterFailures: this.failures }, 'SMSC link re-established');
          else
            this.logger.info(
              { smsc: this.where, systemId: this.options.systemId },
              'bound to SMSC as transmitter',
            );
          this.failures = 0;
        },
        (error: unknown) => {
          if (this.link === opening) this.link = undefined;
          this.failures += 1;
          this.logger.error({ smsc: this.where, err: error, failures: this.failures }, 'SMSC bind failed');
          if (isRetriable(error)) this.scheduleReconnect();
        },
      );
    }
    return this.link;
  }

  /** Unbinds and closes; pending submits fail with SmppClosedError or a lost-link error. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    const link = this.link;
    this.link = undefined;
    if (link === undefined) return;
    const open = await link.catch(() => undefined);
    await open?.unbind();
  }

  private lost(link: SmppLink, reason: string): void {
    void this.link?.then(
      (current) => {
        if (current !== link) return;
        this.link = undefined;
        if (this.closed) return;
        this.logger.warn({ smsc: this.where, reason }, 'SMSC link lost; reconnecting');
        this.scheduleReconnect();
      },
      () => undefined,
    );
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer !== undefined) return;
    const delay = backoffDelay(this.failures + 1, this.options.reconnect ?? smscDefaults.reconnect);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.closed && this.link === undefined) this.bound().catch(() => undefined); // failures are logged and rescheduled in bound()
    }, delay);
    this.reconnectTimer.unref();
  }
}
