import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

const DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * The page may talk only to its own origin (the API and the WebSocket) and may not be framed, so a
 * button that moves money cannot be clicked through another site.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * The merchant panel built by Vite (`gateway/web/dist`): `index.html` at `/`, never cached, and its
 * content-hashed files under `/panel/`, cached for a year. Without a build, `/` says how to make one.
 */
export function panelRouter(dist = DIST): Router {
  const router = Router();
  const index = join(dist, 'index.html');
  router.get(['/', '/index.html'], (_req, res) => {
    res.set('Cache-Control', 'no-cache');
    if (!existsSync(index)) {
      res
        .type('text/plain; charset=utf-8')
        .send('The merchant panel is not built yet: run `pnpm --filter @tillgate/web build` (`pnpm start` does).\n');
      return;
    }
    res
      .set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
      .set('X-Content-Type-Options', 'nosniff')
      .sendFile(index);
  });
  router.use(
    '/panel',
    express.static(join(dist, 'panel'), { index: false, immutable: true, maxAge: '365d', fallthrough: true }),
  );
  return router;
}
