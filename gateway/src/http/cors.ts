import type { RequestHandler } from 'express';
import { problem } from '../services/errors.js';
import { fromOwnOrigin } from './origin.js';
import { sendProblem } from './problem.js';

/** The panel's own routes: cookie sessions, sign-up, log-in and out, resets, invitations, the outbox. */
const isPanelPath = (path: string) => path === '/v1/panel' || path.startsWith('/v1/panel/');

/** The bearer-token API; the panel, the docs and the operator's probes and metrics are not part of it. */
const isBearerApi = (path: string) => path.startsWith('/v1/') && !isPanelPath(path);

/**
 * Lets pages on any origin call the bearer-token API, as browser checkouts do with an order's client
 * secret. Any origin is safe there because those routes answer a cookie only from the panel's own
 * origin (see authenticate.ts) and `*` never lets a browser send or read credentials: a page can do
 * only what the secret it holds allows. Everything else answers no CORS at all.
 */
export function cors(): RequestHandler {
  return (req, res, next) => {
    if (!isBearerApi(req.path)) return next();
    res.set('Access-Control-Allow-Origin', '*');
    res.set(
      'Access-Control-Expose-Headers',
      'X-Request-Id, Retry-After, Idempotent-Replayed, RateLimit, RateLimit-Policy',
    );
    if (req.method !== 'OPTIONS') return next();
    res.set('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE');
    res.set('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key');
    res.set('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}

/**
 * A page of another origin gets nothing from a panel route, not even one that needs no session (a
 * reset request, the outbox, a log-out): 403 before the route runs, whatever the method.
 */
export function panelOnlyFromOwnOrigin(publicUrl: () => string): RequestHandler {
  return (req, res, next) => {
    if (!isPanelPath(req.path) || fromOwnOrigin(req.headers, publicUrl)) return next();
    sendProblem(
      res,
      problem(
        'forbidden',
        'Panel routes answer only pages of the panel’s own origin',
        undefined,
        res.locals.requestId as string,
      ),
    );
  };
}
