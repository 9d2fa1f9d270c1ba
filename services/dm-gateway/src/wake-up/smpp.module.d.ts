/**
 * Types for the parts of `smpp` (farhadi/node-smpp 0.5.1, no published typings) that the
 * transmitter uses. PDU fields are named as in SMPP 3.4 section 4; the library sends a
 * Buffer short_message as is (no re-encoding) when data_coding is set.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';

  export interface Pdu {
    readonly command: string;
    readonly command_id: number;
    readonly command_status: number;
    readonly sequence_number: number;
    readonly message_id?: string;
    readonly system_id?: string;
    readonly [field: string]: unknown;
    response(fields?: PduFields): Pdu;
  }

  export type PduFields = Readonly<Record<string, string | number | Buffer | undefined>>;
  export type ResponseCallback = (pdu: Pdu) => void;

  export class Session extends EventEmitter {
    readonly socket: import('node:net').Socket;
    bind_transmitter(fields: PduFields, onResponse?: ResponseCallback): boolean;
    submit_sm(fields: PduFields, onResponse?: ResponseCallback): boolean;
    enquire_link(fields: PduFields, onResponse?: ResponseCallback): boolean;
    enquire_link_resp(fields: PduFields): boolean;
    unbind(fields: PduFields, onResponse?: ResponseCallback): boolean;
    unbind_resp(fields: PduFields): boolean;
    generic_nack(fields: PduFields): boolean;
    deliver_sm_resp(fields: PduFields): boolean;
    send(pdu: Pdu): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
  }

  export class Server extends EventEmitter {
    listen(port: number, host?: string, callback?: () => void): this;
    close(callback?: (error?: Error) => void): this;
    address(): import('node:net').AddressInfo | string | null;
    readonly sessions: Session[];
  }

  export function connect(options: { host: string; port: number }): Session;
  export function createServer(
    options: Record<string, unknown>,
    listener?: (session: Session) => void,
  ): Server;
}
