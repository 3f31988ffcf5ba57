import type { RequestHandler } from 'express';

/**
 * On every answer: no URL of the gateway (a panel page, a QR with its client secret) leaks to another
 * site as a Referer, and no browser guesses a content type other than the one declared.
 */
export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.set('Referrer-Policy', 'no-referrer');
    res.set('X-Content-Type-Options', 'nosniff');
    next();
  };
}
