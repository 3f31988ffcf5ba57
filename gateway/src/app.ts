import { createServer, type Server } from 'node:http';
import express from 'express';
import type { Logger } from 'pino';
import { EventFrames } from './events/event-frames.js';
import type { EventHub } from './events/hub.js';
import type { WsLimits } from './events/ws-limits.js';
import { attachWebSocketServer } from './events/ws-server.js';
import { createAuthenticator, createGrantAuthenticator } from './http/authenticate.js';
import { answerClientErrors } from './http/client-error.js';
import { cors, panelOnlyFromOwnOrigin } from './http/cors.js';
import { buildOpenApi } from './http/openapi.js';
import { panelRouter } from './http/panel.js';
import { payPageRouter } from './http/pay-page.js';
import { errorHandler, sendProblem } from './http/problem.js';
import { requestOrigin } from './http/request-origin.js';
import { type AnyRoute, mountRoutes } from './http/route.js';
import { appRoutes } from './http/routes/apps.js';
import { auditRoutes } from './http/routes/audit.js';
import { authRoutes } from './http/routes/auth.js';
import { boardRoutes } from './http/routes/board.js';
import { dailyReportRoutes } from './http/routes/daily-report.js';
import { eventRoutes } from './http/routes/events.js';
import { metaRouter } from './http/routes/meta.js';
import { operationsRouter } from './http/routes/operations.js';
import { orderRoutes } from './http/routes/orders.js';
import { panelAccountRoutes } from './http/routes/panel-accounts.js';
import { panelSessionRoutes } from './http/routes/panel-session.js';
import { paymentLinkRoutes, payRoutes } from './http/routes/payment-links.js';
import { providerAccountRoutes } from './http/routes/provider-accounts.js';
import { providerWebhookRoutes, RAW_BODY_PATHS } from './http/routes/provider-webhooks.js';
import { providerRoutes } from './http/routes/providers.js';
import { refundRoutes } from './http/routes/refunds.js';
import { reportSubscriptionRoutes } from './http/routes/report-subscriptions.js';
import { reportRoutes } from './http/routes/reports.js';
import { sandboxRoutes } from './http/routes/sandbox.js';
import { storeRoutes } from './http/routes/stores.js';
import { teamRoutes } from './http/routes/team.js';
import { tillRoutes } from './http/routes/tills.js';
import { walletRoutes } from './http/routes/wallets.js';
import { webhookRoutes } from './http/routes/webhooks.js';
import { securityHeaders } from './http/security-headers.js';
import { shipayErrorHandler, shipayNotFound } from './http/shipay/errors.js';
import { SHIPAY_PREFIX, shipayRoutes } from './http/shipay/routes.js';
import type { RateLimits } from './limits/rate-limits.js';
import type { Accounts } from './services/accounts/accounts.js';
import type { AuthService } from './services/accounts/auth.js';
import { MAX_DOCUMENT_BYTES, type Onboarding } from './services/accounts/onboarding.js';
import type { PanelSessions } from './services/accounts/panel-sessions.js';
import type { Team } from './services/accounts/team.js';
import type { TokenRevocations } from './services/accounts/token-revocations.js';
import type { EventService } from './services/delivery/events.js';
import type { Mailer } from './services/delivery/mailer.js';
import type { WebhookService } from './services/delivery/webhooks.js';
import type { ServiceDeps } from './services/deps.js';
import { problem } from './services/errors.js';
import { BoardService } from './services/orders/board.js';
import type { ChargeReconciler } from './services/orders/charge-reconciler.js';
import type { OrderService } from './services/orders/orders.js';
import type { PaymentService } from './services/orders/payments.js';
import type { ProviderNotifications } from './services/orders/provider-notifications.js';
import type { RefundService } from './services/orders/refunds.js';
import { SandboxService } from './services/orders/sandbox.js';
import type { PayPages } from './services/payment-links/pay-page.js';
import type { PaymentLinkService } from './services/payment-links/payment-links.js';
import { DailyReports } from './services/reports/daily-reports.js';
import type { ReportService } from './services/reports/reports.js';
import { AuditLog } from './services/security/audit.js';
import { AppService } from './services/setup/apps.js';
import { ProviderAccountService } from './services/setup/provider-accounts.js';
import type { ProviderSecrets } from './services/setup/provider-secrets.js';
import { StoreCredentialService } from './services/setup/store-credentials.js';
import { StoreService } from './services/setup/stores.js';
import { TillService } from './services/setup/tills.js';
import { ShipayCompat } from './services/shipay/compat.js';
import type { ReportSubscriptions } from './services/subscriptions/subscriptions.js';

export interface AppDeps extends ServiceDeps {
  auth: AuthService;
  orders: OrderService;
  refunds: RefundService;
  payments: PaymentService;
  events: EventService;
  webhooks: WebhookService;
  hub: EventHub;
  log: Logger;
  reconciler: ChargeReconciler;
  notifications: ProviderNotifications;
  revocations: TokenRevocations;
  providerSecrets: ProviderSecrets;
  accounts: Accounts;
  sessions: PanelSessions;
  onboarding: Onboarding;
  team: Team;
  mailer: Mailer;
  limits: RateLimits;
  /** Express's `trust proxy`, for the client address rate limits count by; absent: the socket's peer. */
  trustProxy?: string | number | undefined;
  /** The gateway's public URL, known once it listens: emailed links and the cookie's Secure flag follow it. */
  publicUrl: () => string;
  /** The bearer `/metrics` asks for; absent, it answers loopback callers only. */
  metricsToken?: string | undefined;
  webSocketLimits: WsLimits;
  reports: ReportService;
  reportSubscriptions: ReportSubscriptions;
  paymentLinks: PaymentLinkService;
  payPages: PayPages;
  /** What the Shipay-compatible `POST /order` answers (Shipay's 201 unless the operator sets 200). */
  shipayOrderCreatedStatus?: 200 | 201 | undefined;
}

export const API_VERSION = '1.0.0';

export function apiRoutes(deps: AppDeps): AnyRoute[] {
  return [
    ...authRoutes(deps.auth),
    ...walletRoutes(deps),
    ...orderRoutes(deps.orders),
    ...refundRoutes(deps.refunds),
    ...eventRoutes(deps.events),
    ...sandboxRoutes(new SandboxService(deps, deps.orders, deps.payments, deps.reconciler)),
    ...providerWebhookRoutes(deps.notifications),
    ...webhookRoutes(deps.webhooks),
    ...storeRoutes(new StoreService(deps), new StoreCredentialService(deps, deps.revocations)),
    ...tillRoutes(new TillService(deps, deps.revocations, deps.orders.printedQrs)),
    ...appRoutes(new AppService(deps, deps.revocations)),
    ...providerRoutes(deps.adapters),
    ...providerAccountRoutes(new ProviderAccountService(deps, deps.providerSecrets)),
    ...boardRoutes(new BoardService(deps, deps.orders)),
    ...panelAccountRoutes(deps),
    ...panelSessionRoutes(deps.sessions, deps.onboarding),
    ...teamRoutes(deps.team),
    ...auditRoutes(new AuditLog(deps)),
    ...dailyReportRoutes(new DailyReports(deps)),
    ...reportRoutes(deps.reports),
    ...reportSubscriptionRoutes(deps.reportSubscriptions),
    ...paymentLinkRoutes(deps.paymentLinks),
    ...payRoutes(deps.payPages),
  ];
}

/** The HTTP server with the API, the docs and the WebSocket; it does not listen and holds no globals. */
export function createApp(deps: AppDeps): { server: Server; closeWebSockets(): void } {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  app.use((_req, res, next) => {
    const requestId = deps.ids('req');
    res.locals.requestId = requestId;
    res.set('X-Request-Id', requestId);
    next();
  });
  app.use(securityHeaders());
  app.use(cors());
  app.use(panelOnlyFromOwnOrigin(deps.publicUrl));
  app.use((req, res, next) => {
    const started = performance.now();
    res.on('finish', () => {
      const route = req.route ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      deps.metrics.httpRequests.inc({ method: req.method, route, status: res.statusCode });
      deps.metrics.httpDuration.observe({ method: req.method, route }, (performance.now() - started) / 1000);
    });
    next();
  });
  // Documents arrive as their raw bytes; only this route reads a body that large.
  app.post('/v1/panel/documents', express.raw({ limit: MAX_DOCUMENT_BYTES, type: () => true }));
  // Providers sign the exact bytes they send: their notifications reach the adapter unparsed.
  app.post(RAW_BODY_PATHS, express.raw({ limit: '64kb', type: () => true }));
  app.use(express.json({ limit: '64kb', strict: true, type: ['application/json', 'application/*+json'] }));
  app.use(requestOrigin());

  const routes = apiRoutes(deps);
  const authenticate = createAuthenticator(deps.auth, deps.clientSecrets, deps.sessions, deps.publicUrl);
  const api = express.Router();
  mountRoutes(api, routes, authenticate, deps.limits);
  app.use(metaRouter(buildOpenApi(routes, API_VERSION)));
  app.use(
    operationsRouter(
      {
        database: async () => {
          await deps.knex.raw('SELECT 1');
          return true;
        },
        bus: () => deps.bus.ping(),
      },
      deps.metrics,
      deps.metricsToken,
    ),
  );
  // The Shipay-compatible API: its own routes and document, and errors in Shipay's shape, never problem+json.
  const shipay = shipayRoutes(new ShipayCompat(deps, deps.auth, deps.orders, deps.refunds), {
    orderCreatedStatus: deps.shipayOrderCreatedStatus ?? 201,
  });
  const compat = express.Router();
  mountRoutes(compat, shipay, authenticate, deps.limits);
  const shipayOpenApi = JSON.stringify(buildOpenApi(shipay, API_VERSION));
  compat.get(`${SHIPAY_PREFIX}/openapi.json`, (_req, res) => {
    res.type('application/json').send(shipayOpenApi);
  });
  app.use(compat);
  app.use(SHIPAY_PREFIX, shipayNotFound);
  app.use(SHIPAY_PREFIX, shipayErrorHandler(deps.log));
  app.use(api);
  app.use(payPageRouter(deps.payPages, deps.limits));
  app.use(panelRouter());
  app.use((_req, res) =>
    sendProblem(
      res,
      problem('route_not_found', 'No such endpoint; see /docs', undefined, res.locals.requestId as string),
    ),
  );
  app.use(errorHandler(deps.log));

  const server = createServer(app);
  answerClientErrors(server);
  const grantOf = createGrantAuthenticator(deps.auth, deps.clientSecrets, deps.sessions, deps.publicUrl);
  const ws = attachWebSocketServer(server, {
    authenticate: (req) => grantOf(req, 'token-or-client-secret'),
    reauthenticate: (token) => deps.auth.grantOf(token),
    revocations: deps.revocations,
    clock: deps.clock,
    limits: deps.webSocketLimits,
    hub: deps.hub,
    findOrderOwner: (id) => deps.orders.find(id),
    findTill: (id) => deps.orders.findTill(id),
    findStore: (id) => deps.orders.findStore(id),
    frames: new EventFrames((e) => deps.events.view(e)),
    log: deps.log,
    metrics: deps.metrics,
  });
  return { server, closeWebSockets: () => ws.close() };
}
