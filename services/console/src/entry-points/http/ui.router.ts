import { dirname, join } from 'node:path';
import express, { Router } from 'express';

/** The UI's static files (index.html and ES modules, no build step). */
export const UI_DIR = join(__dirname, '..', '..', 'ui');
/** chart.js as shipped (UMD build), served as is: the UI loads it with a script tag. */
const CHART_JS = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');

/**
 * `/` is the console's page; its files live under `/console/` so that they never shadow a
 * path of another service on the same port (embedded mode). Strict security headers: the UI
 * loads nothing from elsewhere and is never framed.
 */
export function createUiRouter(): Router {
  const router = Router();
  const headers: express.RequestHandler = (_req, res, next) => {
    res.set({
      'content-security-policy':
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    next();
  };
  router.get('/', headers, (_req, res) => {
    res.set('cache-control', 'no-cache').sendFile(join(UI_DIR, 'index.html'));
  });
  router.get('/console/vendor/chart.umd.min.js', headers, (_req, res) => {
    // pnpm keeps packages under node_modules/.pnpm: a dot segment send() would refuse by default.
    res.set('cache-control', 'public, max-age=86400').sendFile(CHART_JS, { dotfiles: 'allow' });
  });
  router.use('/console', headers, express.static(UI_DIR, { index: false, fallthrough: true, maxAge: 0 }));
  return router;
}
