import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { HMAC_HEADER_NAME } from '@dms/syncml';
import { DeviceSimErrorCodes, DeviceSimTransportError } from '../errors/device-sim.error';

export interface DmExchange {
  readonly status: number;
  readonly contentType: string;
  readonly hmac?: string;
  readonly body: Uint8Array;
}

export interface DmRequest {
  readonly url: string;
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly hmac?: string;
}

/** Request headers a real handset sends (oma-dm-1.2.md 1, from the Android client). */
function headersFor(req: DmRequest): Record<string, string> {
  return {
    'content-type': req.contentType,
    accept: req.contentType,
    'accept-charset': 'utf-8',
    'accept-language': 'en',
    'cache-control': 'private',
    'user-agent': 'dms-device-sim/0.1',
    ...(req.hmac === undefined ? {} : { [HMAC_HEADER_NAME]: req.hmac }),
  };
}

/** One DM message as an HTTP POST; the server's message is the response body (DM 1.2 HTTP binding). */
export async function postDmMessage(req: DmRequest, fetchImpl: typeof fetch): Promise<DmExchange> {
  let res: Response;
  try {
    res = await fetchImpl(req.url, { method: 'POST', headers: headersFor(req), body: req.body });
  } catch (cause) {
    throw new DeviceSimTransportError(DeviceSimErrorCodes.transport, `POST ${req.url} failed: ${reasonOf(cause)}`, { cause });
  }
  const body = new Uint8Array(await res.arrayBuffer());
  const hmac = res.headers.get(HMAC_HEADER_NAME) ?? undefined;
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    body,
    ...(hmac === undefined ? {} : { hmac }),
  };
}

/**
 * The dropped connection: announces the whole body in Content-Length, writes half of it
 * and destroys the socket, so the server sees a request aborted in the middle.
 */
export async function postAndDrop(req: DmRequest): Promise<void> {
  const url = new URL(req.url);
  const send = url.protocol === 'https:' ? httpsRequest : request;
  await new Promise<void>((resolve) => {
    const r = send(url, {
      method: 'POST',
      headers: { ...headersFor(req), 'content-length': String(req.body.byteLength) },
    });
    r.on('error', () => resolve());
    r.on('close', () => resolve());
    r.write(req.body.subarray(0, Math.floor(req.body.byteLength / 2)), () => {
      setTimeout(() => r.destroy(), 20);
    });
  });
}

/** fetch wraps the socket error (ECONNRESET, "other side closed") in `cause`; say both. */
function reasonOf(error: unknown): string {
  const outer = error instanceof Error ? error.message : String(error);
  const inner = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = (inner as { code?: string } | undefined)?.code;
  return inner === undefined ? outer : `${outer} (${inner.message}${code ? `, ${code}` : ''})`;
}
