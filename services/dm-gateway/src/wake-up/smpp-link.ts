import { connect, type Pdu, type PduFields, type Session } from 'smpp';
import { smppStatus } from './smpp-status.codes';
import { SmppBindRefusedError, SmppConnectionError, SmppErrorCodes, SmppSubmitError } from './smpp.error';
import { smscDefaults, type SmscOptions, type WakeUpLogger } from './smsc.options';

type Request = 'bind_transmitter' | 'submit_sm' | 'enquire_link' | 'unbind';

/**
 * One TCP connection bound as a transmitter (SMPP 3.4 2.2): open + bind, requests with a
 * response timeout, enquire_link keep-alive, and answers to what the SMSC itself sends.
 * It never reconnects: SmppTransmitter replaces a dead link.
 */
export class SmppLink {
  private readonly pending = new Set<(error: Error) => void>();
  private keepAlive: NodeJS.Timeout | undefined;
  private alive = true;
  private readonly timeoutMs: number;

  private constructor(
    private readonly session: Session,
    private readonly options: SmscOptions,
    private readonly logger: WakeUpLogger,
    private readonly onDown: (link: SmppLink, reason: string) => void,
  ) {
    this.timeoutMs = options.responseTimeoutMs ?? smscDefaults.responseTimeoutMs;
    session.on('error', (error: Error) => this.down(`socket error: ${error.message}`));
    session.on('close', () => this.down('connection closed'));
    session.on('pdu', (pdu: Pdu) => this.answer(pdu));
  }

  /** Connects and binds; a refused bind closes the socket and throws SmppBindRefusedError. */
  static async open(
    options: SmscOptions,
    logger: WakeUpLogger,
    onDown: (link: SmppLink, reason: string) => void,
  ): Promise<SmppLink> {
    const session = connect({ host: options.host, port: options.port });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        session.destroy();
        reject(
          new SmppConnectionError(
            SmppErrorCodes.timeout,
            `no TCP connection to SMSC ${options.host}:${options.port}`,
          ),
        );
      }, options.connectTimeoutMs ?? smscDefaults.connectTimeoutMs);
      session.once('connect', () => (clearTimeout(timer), resolve()));
      session.once('error', (error: Error) => {
        clearTimeout(timer);
        reject(
          new SmppConnectionError(
            SmppErrorCodes.connectionLost,
            `cannot connect to SMSC ${options.host}:${options.port}: ${error.message}`,
            error,
          ),
        );
      });
    });
    const link = new SmppLink(session, options, logger, onDown);
    const resp = await link.request('bind_transmitter', {
      system_id: options.systemId,
      password: options.password,
      system_type: options.systemType ?? '',
      interface_version: 0x34,
      addr_ton: 0,
      addr_npi: 0,
      address_range: '',
    });
    if (resp.command_status !== 0) {
      link.alive = false;
      session.destroy();
      const names = options.settingNames ?? smscDefaults.settingNames;
      const name = smppStatus(resp.command_status).name;
      const setting =
        name === 'ESME_RINVPASWD'
          ? names.password
          : name === 'ESME_RINVSYSID'
            ? names.systemId
            : `${names.systemId} and ${names.password}`;
      throw new SmppBindRefusedError(resp.command_status, options, setting);
    }
    link.startKeepAlive();
    return link;
  }

  get up(): boolean {
    return this.alive;
  }

  /** submit_sm; a non-zero command_status becomes SmppSubmitError. Resolves with the SMSC's message_id. */
  async submit(fields: PduFields): Promise<string> {
    const resp = await this.request('submit_sm', fields);
    if (resp.command_status === 0) return String(resp.message_id ?? '');
    const error = new SmppSubmitError(resp.command_status);
    if (error.status.class === 'reconnect') this.session.destroy(); // bind lost on the SMSC side: bind again
    throw error;
  }

  /** unbind (SMPP 3.4 4.2), then close; bounded by the response timeout. */
  async unbind(): Promise<void> {
    if (!this.alive) return;
    this.stopKeepAlive();
    try {
      await this.request('unbind', {});
    } catch {
      // the link is going away either way; a missing unbind_resp only means the SMSC went first
    }
    this.alive = false;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.session.destroy(), this.timeoutMs);
      this.session.close(() => (clearTimeout(timer), resolve()));
    });
  }

  destroy(): void {
    this.session.destroy();
  }

  private request(command: Request, fields: PduFields): Promise<Pdu> {
    return new Promise<Pdu>((resolve, reject) => {
      const fail = (error: Error): void => {
        clearTimeout(timer);
        this.pending.delete(fail);
        reject(error);
      };
      const timer = setTimeout(() => {
        fail(
          new SmppConnectionError(
            SmppErrorCodes.timeout,
            `no ${command}_resp from the SMSC within ${this.timeoutMs} ms`,
          ),
        );
        this.session.destroy(); // state unknown: a fresh link is safer than a half-dead one
      }, this.timeoutMs);
      this.pending.add(fail);
      const written = this.session[command](fields, (pdu) => {
        clearTimeout(timer);
        this.pending.delete(fail);
        resolve(pdu);
      });
      if (!written)
        fail(
          new SmppConnectionError(SmppErrorCodes.connectionLost, `SMPP link is not writable for ${command}`),
        );
    });
  }

  /** SMPP 3.4 4.11/4.2: the SMSC may probe us or unbind us; a transmitter gets no deliver_sm, but answer one anyway. */
  private answer(pdu: Pdu): void {
    if (pdu.command === 'enquire_link') this.session.send(pdu.response());
    else if (pdu.command === 'unbind') {
      this.session.send(pdu.response());
      this.down('SMSC unbound us');
      this.session.close();
    } else if (pdu.command === 'deliver_sm') this.session.send(pdu.response());
  }

  private startKeepAlive(): void {
    const every = this.options.enquireLinkIntervalMs ?? smscDefaults.enquireLinkIntervalMs;
    if (every <= 0) return;
    this.keepAlive = setInterval(() => {
      this.request('enquire_link', {}).catch((error: Error) =>
        this.logger.warn({ err: error }, 'SMSC enquire_link failed; dropping the link'),
      );
    }, every);
    this.keepAlive.unref();
  }

  private stopKeepAlive(): void {
    if (this.keepAlive !== undefined) clearInterval(this.keepAlive);
    this.keepAlive = undefined;
  }

  private down(reason: string): void {
    this.stopKeepAlive();
    const lost = new SmppConnectionError(SmppErrorCodes.connectionLost, `SMPP link lost: ${reason}`);
    for (const fail of [...this.pending]) fail(lost);
    if (!this.alive) return;
    this.alive = false;
    this.onDown(this, reason);
  }
}
