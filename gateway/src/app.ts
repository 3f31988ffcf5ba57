import { createServer, type Server } from 'node:http';
import express from 'express';
import type { Logger } from 'pino';
import type { EventHub } from './events/hub.js';
import { attachWebSocketServer } from './events/ws-server.js';
import { createAuthenticator } from './http/authenticate.js';
import { cors } from './http/cors.js';
import { buildOpenApi } from './http/openapi.js';
import { errorHandler, problem, sendProblem } from './http/problem.js';
import { type AnyRoute, mountRoutes } from './http/route.js';
import { authRoutes } from './http/routes/auth.js';
import { eventRoutes } from './http/routes/events.js';
import { metaRouter } from './http/routes/meta.js';
import { orderRoutes } from './http/routes/orders.js';
import { refundRoutes } from './http/routes/refunds.js';
import { sandboxRoutes } from './http/routes/sandbox.js';
import { walletRoutes } from './http/routes/wallets.js';
import type { AuthService } from './services/auth.js';
import type { ServiceDeps } from './services/deps.js';
import type { EventService } from './services/events.js';
import type { OrderService } from './services/orders.js';
import type { PaymentService } from './services/payments.js';
import type { RefundService } from './services/refunds.js';

export interface AppDeps extends ServiceDeps {
  auth: AuthService;
  orders: OrderService;
  refunds: RefundService;
  payments: PaymentService;
  events: EventService;
  hub: EventHub;
  log: Logger;
}

export const API_VERSION = '1.0.0';

export function apiRoutes(deps: AppDeps): AnyRoute[] {
  return [
    ...authRoutes(deps.auth),
    ...walletRoutes(deps),
    ...orderRoutes(deps.orders),
    ...refundRoutes(deps.refunds),
    ...eventRoutes(deps.events),
    ...sandboxRoutes(deps, deps.orders, deps.payments),
  ];
}

/** The HTTP server with the API, the docs and the WebSocket; it does not listen and holds no globals. */
export function createApp(deps: AppDeps): { server: Server; closeWebSockets(): void } {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use((_req, res, next) => {
    const requestId = deps.ids('req');
    res.locals.requestId = requestId;
    res.set('X-Request-Id', requestId);
    next();
  });
  app.use(cors());
  app.use(express.json({ limit: '64kb', strict: true, type: ['application/json', 'application/*+json'] }));

  const routes = apiRoutes(deps);
  const authenticate = createAuthenticator(deps.auth, deps.clientSecrets);
  const api = express.Router();
  mountRoutes(api, routes, authenticate);
  app.use(metaRouter(buildOpenApi(routes, API_VERSION)));
  app.use(api);
  app.use((_req, res) =>
    sendProblem(
      res,
      problem('route_not_found', 'No such endpoint; see /docs', undefined, res.locals.requestId as string),
    ),
  );
  app.use(errorHandler(deps.log));

  const server = createServer(app);
  const ws = attachWebSocketServer(server, {
    authenticate,
    hub: deps.hub,
    findOrderOwner: (id) => deps.orders.find(id),
    view: (e) => deps.events.view(e),
    log: deps.log,
  });
  return { server, closeWebSockets: () => ws.close() };
}
