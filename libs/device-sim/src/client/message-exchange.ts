import { contentTypeFor, decodeMessage, encodeMessage, type SyncMLMessage } from '@dms/syncml';
import type { ClientCredentials } from './client-credentials';
import type { HandsetOptions, SessionOutcome } from './handset.options';
import { postAndDrop, postDmMessage, type DmExchange } from './http-transport';
import { malformedBody } from './malformed-body';
import type { SessionLog } from './session-log';

export type ExchangeResult =
  | { readonly ok: true; readonly exchange: DmExchange; readonly reply: SyncMLMessage }
  | { readonly ok: false; readonly outcome: SessionOutcome; readonly error: string };

/**
 * Sends one message and reads the server's: encoding (or the configured breakage of
 * Package 1), x-syncml-hmac over the exact bytes, the dropped connection, then HTTP and
 * decoding checks. Counts into the session log.
 */
export async function exchangeMessage(
  options: HandsetOptions,
  credentials: ClientCredentials,
  message: SyncMLMessage,
  url: string,
  log: SessionLog,
): Promise<ExchangeResult> {
  const { encoding, misbehave } = options;
  const wire =
    log.sent === 0 && misbehave?.malformedMessage !== undefined
      ? malformedBody(message, misbehave.malformedMessage, encoding)
      : { bytes: encodeMessage(message, encoding), encoding };
  const request = {
    url,
    body: wire.bytes,
    contentType: contentTypeFor(message, wire.encoding),
    ...(credentials.scheme === 'hmac' ? { hmac: credentials.hmacHeader(wire.bytes) } : {}),
  };
  if (misbehave?.dropConnectionAfterMessages === log.sent) {
    await postAndDrop(request);
    log.sent += 1;
    return {
      ok: false,
      outcome: 'connection-dropped',
      error: `connection dropped while sending message ${message.hdr.msgId}`,
    };
  }
  let exchange: DmExchange;
  try {
    exchange = await postDmMessage(request, options.fetch ?? fetch);
  } catch (error) {
    return { ok: false, outcome: 'transport-error', error: (error as Error).message };
  }
  log.sent += 1;
  log.httpStatuses.push(exchange.status);
  if (exchange.status !== 200)
    return { ok: false, outcome: 'http-error', error: `HTTP ${exchange.status} from ${url}` };
  try {
    const reply = decodeMessage(exchange.body, { contentType: exchange.contentType }).message;
    log.received += 1;
    return { ok: true, exchange, reply };
  } catch (error) {
    return {
      ok: false,
      outcome: 'protocol-error',
      error: `server message does not decode: ${(error as Error).message}`,
    };
  }
}
