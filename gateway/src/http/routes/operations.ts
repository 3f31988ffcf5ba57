import { createHash, timingSafeEqual } from 'node:crypto';
import { type Request, Router } from 'express';
import type { Metrics } from '../../metrics.js';
import { ApiError } from '../../services/errors.js';
import { isLoopback } from '../loopback.js';

export interface Readiness {
  database(): Promise<boolean>;
  bus(): Promise<boolean>;
}

const answered = (check: () => Promise<boolean>) => check().catch(() => false);

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * `/metrics` tells who sells what and how much: with a token configured every scraper presents it as a
 * bearer (compared in constant time); without one only this machine may read it.
 */
function checkMetricsAccess(req: Request, token: string | undefined): void {
  if (token === undefined) {
    if (isLoopback(req.socket.remoteAddress)) return;
    throw new ApiError('forbidden', 'Metrics answer only loopback callers unless TILLGATE_METRICS_TOKEN is set');
  }
  const [scheme, presented] = (req.get('authorization') ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !presented)
    throw new ApiError('unauthenticated', 'Send Authorization: Bearer <TILLGATE_METRICS_TOKEN>');
  if (!timingSafeEqual(digest(presented), digest(token)))
    throw new ApiError('invalid_credentials', 'The metrics token is not valid');
}

/** Probes and metrics for the operator: `/healthz` (process up), `/readyz` (dependencies answer), `/metrics`. */
export function operationsRouter(readiness: Readiness, metrics: Metrics, metricsToken?: string): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [database, bus] = await Promise.all([answered(readiness.database), answered(readiness.bus)]);
    res.status(database && bus ? 200 : 503).json({ status: database && bus ? 'ready' : 'not_ready', database, bus });
  });
  router.get('/metrics', async (req, res) => {
    checkMetricsAccess(req, metricsToken);
    res
      .set('Cache-Control', 'no-store')
      .type(metrics.registry.contentType)
      .send(await metrics.registry.metrics());
  });
  return router;
}
