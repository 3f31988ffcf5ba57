import type { RequestHandler } from 'express';

/**
 * Lets pages on any origin call the API, as browser checkouts do with an order's client secret. Any
 * origin is safe because the API authenticates by bearer tokens, never cookies: a page can do only
 * what the secret it holds allows.
 */
export function cors(): RequestHandler {
  return (req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*');
    res.set('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After, Idempotent-Replayed');
    if (req.method !== 'OPTIONS') return next();
    res.set('Access-Control-Allow-Methods', 'GET, POST');
    res.set('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key');
    res.set('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
