import { createInProcessEventBus, createInProcessRpc } from '@dms/bus';
import { createLogger, HttpError, problemHandler, startHttpServer } from '@dms/service-kit';
import { createEmbeddedStore } from '@dms/store';
import express, { Router } from 'express';
import { defaultFirmwareSettings } from './config';
import { createFirmwareService } from './firmware-service';

describe('firmware router in a shared app (embedded mode)', () => {
  it('leaves the errors of routers mounted before it to the app\'s problem handler, and guards only its own paths', async () => {
    const logger = createLogger({ service: 'firmware-test', level: 'silent' });
    const store = createEmbeddedStore({ file: ':memory:' });
    const service = createFirmwareService({
      bus: createInProcessEventBus({ source: '/test', logger }),
      rpc: createInProcessRpc(),
      store,
      logger,
      config: defaultFirmwareSettings({ adminToken: 'tok', downloadSecret: 'x'.repeat(40), tickMs: 0 }),
    });
    const other = Router();
    other.get('/api/v1/other', () => {
      throw new HttpError(503, 'OTHER_UNAVAILABLE', 'try again', { retriable: true });
    });
    const app = express();
    app.use(other);
    app.use(service.router);
    app.use(problemHandler(logger));
    const http = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
    try {
      const res = await fetch(`${http.url}/api/v1/other?page=2`);
      expect(res.status).toBe(503);
      // The app's handler: Retry-After on a retriable 503, the instance with its query.
      expect(res.headers.get('retry-after')).toBe('1');
      expect(((await res.json()) as { instance: string }).instance).toBe('/api/v1/other?page=2');
      // firmware's bearer token is asked for under /api/v1/firmware only.
      expect((await fetch(`${http.url}/api/v1/firmware/packages`)).status).toBe(401);
      expect((await fetch(`${http.url}/api/v1/nothing`)).status).toBe(404);
    } finally {
      await http.close();
      await store.close();
    }
  });
});
