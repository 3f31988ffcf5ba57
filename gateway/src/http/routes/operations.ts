import { Router } from 'express';
import type { Metrics } from '../../metrics.js';

export interface Readiness {
  database(): Promise<boolean>;
  bus(): Promise<boolean>;
}

const answered = (check: () => Promise<boolean>) => check().catch(() => false);

/** Probes and metrics for the operator: `/healthz` (process up), `/readyz` (dependencies answer), `/metrics`. */
export function operationsRouter(readiness: Readiness, metrics: Metrics): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [database, bus] = await Promise.all([answered(readiness.database), answered(readiness.bus)]);
    res.status(database && bus ? 200 : 503).json({ status: database && bus ? 'ready' : 'not_ready', database, bus });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
