import { HMAC_HEADER_NAME } from '@dms/syncml';
import { isDmsError, type Logger } from '@dms/service-kit';
import express, { type Request, type RequestHandler, type Router } from 'express';
import type { SessionEngine } from '../../domain/session-engine';

export interface DmEndpointOptions {
  readonly path: string;
  /** Externally visible URL of the endpoint; default from the request (protocol + Host + path). */
  readonly publicUrl?: string | undefined;
  /** Hard cap on the body: larger requests are answered HTTP 413 without reading them (no SyncHdr to answer). */
  readonly bodyLimitBytes: number;
}

function endpointUrl(req: Request, options: DmEndpointOptions): string {
  if (options.publicUrl !== undefined) return options.publicUrl;
  return `${req.protocol}://${req.get('host') ?? 'localhost'}${options.path}`;
}

/**
 * POST <path> (OMA DM 1.2 HTTP binding, fact sheet 1): one SyncML message per request,
 * the answer in the response body with Content-Length, in the handset's encoding. Any
 * content type is read (some handsets send none); the codec tells XML from WBXML.
 */
export function createDmEndpoint(engine: SessionEngine, options: DmEndpointOptions, logger: Logger): Router {
  const router = express.Router();
  const raw = express.raw({ type: () => true, limit: options.bodyLimitBytes });
  const handler: RequestHandler = (req, res, next) => {
    const body = Buffer.isBuffer(req.body) ? new Uint8Array(req.body.buffer, req.body.byteOffset, req.body.byteLength) : new Uint8Array();
    const token = typeof req.query['s'] === 'string' ? req.query['s'] : undefined;
    const contentType = req.get('content-type');
    const hmac = req.get(HMAC_HEADER_NAME);
    engine
      .handle({ body, endpointUrl: endpointUrl(req, options), ...(token === undefined ? {} : { token }), ...(contentType === undefined ? {} : { contentType }), ...(hmac === undefined ? {} : { hmac }) })
      .then((answer) => {
        res.status(answer.status).set({ 'content-type': answer.contentType, 'cache-control': 'no-store', ...answer.headers });
        res.end(Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength));
      })
      .catch((error: unknown) => {
        // Redis, the store or the bus failing is no protocol matter: 503 + Retry-After makes handsets retry later (fact sheet 1).
        if (isDmsError(error) && error.retriable) {
          logger.error({ err: error }, 'DM message not served: a dependency failed');
          res.status(503).set({ 'retry-after': '30', connection: 'close' }).end();
          return;
        }
        next(error);
      });
  };
  router.post(options.path, raw, handler);
  // Body over the cap or an aborted upload: nothing readable, so plain HTTP statuses.
  router.use(options.path, ((error, _req, res, next) => {
    const status = (error as { status?: number }).status;
    if (status === 413 || status === 400) {
      logger.warn({ status, type: (error as { type?: string }).type }, 'DM request refused before decoding');
      res.status(status).set('connection', 'close').end();
      return;
    }
    next(error);
  }) as express.ErrorRequestHandler);
  return router;
}
