import type { RequestHandler } from 'express';
import { withRequestOrigin } from '../services/security/request-origin.js';

const MAX_USER_AGENT = 512;

/**
 * Hands the request's address and user agent to the use cases it runs (the audit log records them).
 * Mounted after the body parsers: their stream callbacks would not carry the context.
 */
export const requestOrigin = (): RequestHandler => (req, _res, next) =>
  withRequestOrigin(
    {
      ip: req.ip ?? req.socket.remoteAddress ?? null,
      userAgent: req.get('user-agent')?.slice(0, MAX_USER_AGENT) ?? null,
    },
    next,
  );
