import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PROBLEM_CONTENT_TYPE, toProblem, type Logger } from '@dms/service-kit';
import { Router, type ErrorRequestHandler, type Request } from 'express';
import type { PackageChunkStore } from '../data-access/package-chunk.store';
import type { PackageRepository } from '../data-access/package.repository';
import { parseByteRange } from '../domain/byte-range';
import type { DownloadTokens } from '../domain/download-token';
import { DownloadForbiddenError, PackageNotFoundError, RangeNotSatisfiableError } from '../domain/packages.errors';
import { PackageId } from './request-parsing';

/** Handsets download from here (the route below spells it out so express types its parameter). */
export const DOWNLOAD_PATH = '/fw/v1/packages';

export interface DownloadRouterDeps {
  packages: PackageRepository;
  chunks: PackageChunkStore;
  tokens: DownloadTokens;
  logger: Logger;
  clock: () => number;
}

/** The URL without its query: the token must reach neither a log line nor a problem body. */
const pathOnly = (req: Request): string => `${req.baseUrl}${req.path}`;

/**
 * The handsets' download (FUMO PkgURL), public: the signed URL is the credential. GET and
 * HEAD (express routes HEAD to GET); one byte range per request, which is what download
 * agents resume with (RFC 9110, 14).
 */
export function createDownloadRouter(deps: DownloadRouterDeps): Router {
  const router = Router();
  router.get('/fw/v1/packages/:packageId', async (req, res) => {
    const packageId = req.params['packageId'] ?? '';
    const { d: deviceId, e: expires, t: token } = req.query;
    const verdict = deps.tokens.check(packageId, deviceId, expires, token, deps.clock());
    if (verdict !== 'valid') {
      deps.logger.warn({ packageId, deviceId: typeof deviceId === 'string' ? deviceId : undefined, reason: verdict }, 'firmware download refused');
      throw new DownloadForbiddenError();
    }
    const record = PackageId.safeParse(packageId).success ? await deps.packages.get(packageId) : undefined;
    if (record === undefined) throw new PackageNotFoundError(packageId);

    const etag = `"${record.sha256}"`;
    res.set({ 'Accept-Ranges': 'bytes', ETag: etag, 'Cache-Control': 'private, no-transform' });
    const ifRange = req.get('if-range');
    const range = ifRange === undefined || ifRange === etag ? parseByteRange(req.get('range'), record.size) : undefined;
    if (range === 'unsatisfiable') {
      res.set('Content-Range', `bytes */${record.size}`);
      throw new RangeNotSatisfiableError(record.size);
    }
    const { start, end } = range ?? { start: 0, end: record.size - 1 };
    res.status(range === undefined ? 200 : 206).set({ 'Content-Type': 'application/octet-stream', 'Content-Length': String(end - start + 1) });
    if (range !== undefined) res.set('Content-Range', `bytes ${start}-${end}/${record.size}`);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    try {
      await pipeline(Readable.from(deps.chunks.read(packageId, start, end)), res);
    } catch (error) {
      // The handset went away (or its connection broke): pipeline stopped the chunk reads.
      if ((error as { code?: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE') {
        deps.logger.debug({ packageId, deviceId }, 'firmware download aborted by the client');
        return;
      }
      throw error;
    }
  });
  router.use(downloadErrorHandler(deps.logger));
  return router;
}

/** Like the service-kit problem handler, but never with the query string (it holds the token). */
function downloadErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const problem = toProblem(error, pathOnly(req));
    if (res.headersSent) {
      logger.error({ err: error, path: pathOnly(req) }, 'firmware download failed mid-body');
      res.destroy();
      return;
    }
    if (problem.status >= 500) logger.error({ err: error, method: req.method, path: pathOnly(req), code: problem.code }, 'firmware download failed');
    // express sends no body for HEAD
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  };
}
