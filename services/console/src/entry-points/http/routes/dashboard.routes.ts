import { callerOf } from '../authenticate.middleware';
import type { ConsoleDomain } from '../console-domain';
import type { SecuredRouter } from '../secured.router';
import { BASE } from './session.routes';

/**
 * The dashboard snapshot and the live stream (Server-Sent Events, `event: feed`), both scoped
 * to the viewer. The stream sends a comment line every heartbeat so idle proxies keep it open.
 */
export function dashboardRoutes(secured: SecuredRouter, domain: ConsoleDomain): void {
  secured.route('get', `${BASE}/dashboard`, (_req, res) => {
    res.json(domain.aggregator.snapshot(callerOf(res).principal));
  });
  secured.route('get', `${BASE}/live`, (req, res) => {
    const { principal } = callerOf(res);
    res.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx: do not buffer the stream.
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 3000\n: connected\n\n');
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), domain.heartbeatMs);
    heartbeat.unref();
    const leave = domain.hub.join({
      principal,
      send: (event) => res.write(`event: feed\nid: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`),
      end: () => res.end(),
    });
    req.on('close', () => {
      clearInterval(heartbeat);
      leave();
    });
  });
}
