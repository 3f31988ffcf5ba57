import { createHmac, createSecretKey, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { descriptor as ame } from './adapters/ame/index.js';
import { descriptor as cielopay } from './adapters/cielopay/index.js';
import type { ProviderDescriptor } from './adapters/descriptor.js';
import { descriptor as mercadopago } from './adapters/mercadopago/index.js';
import { descriptor as pagbank } from './adapters/pagbank/index.js';
import { descriptor as picpay } from './adapters/picpay/index.js';
import { descriptor as pixBcb } from './adapters/pix-bcb/index.js';
import { AdapterRegistry } from './adapters/registry.js';
import { descriptor as sandbox } from './adapters/sandbox/index.js';
import type { PaymentAdapter } from './adapters/types.js';
import { createApp } from './app.js';
import { type Clock, systemClock } from './domain/clock.js';
import { type EventBus, InProcessBus } from './events/bus.js';
import { EventHub } from './events/hub.js';
import { RedisBus } from './events/redis-bus.js';
import { DEFAULT_WS_LIMITS, type WsLimits } from './events/ws-limits.js';
import { ulidIds } from './ids.js';
import { MemoryRateLimiter } from './limits/memory-rate-limiter.js';
import type { RateLimiter } from './limits/rate-limiter.js';
import { RateLimits } from './limits/rate-limits.js';
import { RedisRateLimiter } from './limits/redis-rate-limiter.js';
import type { RateLimitRules } from './limits/rules.js';
import { createLogger } from './log.js';
import { Metrics } from './metrics.js';
import { Accounts } from './services/accounts/accounts.js';
import { AuthService } from './services/accounts/auth.js';
import { LoginLockouts } from './services/accounts/login-lockouts.js';
import { Onboarding } from './services/accounts/onboarding.js';
import { PanelSessions } from './services/accounts/panel-sessions.js';
import { Team } from './services/accounts/team.js';
import { REVOCATION_REFRESH_MS, TokenRevocations } from './services/accounts/token-revocations.js';
import { EventService } from './services/delivery/events.js';
import { createMailer } from './services/delivery/mailer.js';
import { WebhookDispatcher } from './services/delivery/webhook-dispatcher.js';
import { WebhookService } from './services/delivery/webhooks.js';
import type { ServiceDeps } from './services/deps.js';
import { ChargeReconciler, medWatchOnApproval, type ReconcileTiming } from './services/orders/charge-reconciler.js';
import { expireDueOrders, expiryTick } from './services/orders/expiry.js';
import { OrderService } from './services/orders/orders.js';
import { PaymentService } from './services/orders/payments.js';
import { ProviderNotifications } from './services/orders/provider-notifications.js';
import { RefundService } from './services/orders/refunds.js';
import { LinkMail } from './services/payment-links/link-mail.js';
import { LinkTokens } from './services/payment-links/link-tokens.js';
import { PayPages } from './services/payment-links/pay-page.js';
import { PaymentLinkService } from './services/payment-links/payment-links.js';
import { reportAttachments } from './services/reports/attachments.js';
import { ReportJobs, type ReportJobTiming } from './services/reports/report-jobs.js';
import { ReportService } from './services/reports/reports.js';
import { salesAttachment } from './services/reports/sales-attachment.js';
import { ClientSecrets } from './services/security/client-secrets.js';
import { OutboundPolicy, type Resolve } from './services/security/outbound-policy.js';
import { SecretBox } from './services/security/secret-box.js';
import { ProviderSecrets } from './services/setup/provider-secrets.js';
import { SubscriptionLinks } from './services/subscriptions/links.js';
import { type SchedulerTiming, SubscriptionScheduler } from './services/subscriptions/scheduler.js';
import { ReportSubscriptions } from './services/subscriptions/subscriptions.js';
import { type Database, openDatabase } from './store/db.js';
import { settingOrCreate } from './store/settings.js';
import { every } from './workers.js';

/** The expiry worker's tick: shorter than the other workers' (see where the workers start). */
const EXPIRY_INTERVAL_MS = 100;

/** Stops accepting and lets requests in flight finish, without waiting on clients' idle keep-alive sockets. */
const DRAIN_DEADLINE_MS = 10_000;
async function stopServer(server: Server): Promise<void> {
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
  // close() drops the connections idle at that moment; those still answering become idle later.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const deadline = setTimeout(() => server.closeAllConnections(), DRAIN_DEADLINE_MS);
  await stopped;
  clearInterval(sweep);
  clearTimeout(deadline);
}

/** The installed providers: a provider is its folder under `adapters/` and one line here. */
const PROVIDERS: readonly ProviderDescriptor[] = [
  sandbox, // every wallet with imaginary money, in the test environment
  pixBcb, // Banco Central's API Pix, at the banks of its profiles
  pagbank, // PagBank's Orders API, QR orders the PagBank app pays
  ame, // Ame Digital's orders, each payment captured before the order is approved
  cielopay, // the CieloPay wallet: Cielo's API E-commerce 3.0, Pix QR sales
  mercadopago, // Mercado Pago's in-store QR (Orders API)
  picpay, // PicPay's e-commerce payments API
];

const DEFAULT_MAIL_FROM = 'Tillgate <nao-responda@tillgate.local>';

/** Identifies the database this gateway serves; instances on one database share it. */
const deploymentId = (db: Database) => settingOrCreate(db.knex, 'deployment_id', () => randomBytes(8).toString('hex'));

export interface GatewayOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** Absent: the in-process bus (one instance). */
  redisUrl?: string | undefined;
  host?: string;
  port?: number;
  /** The gateway's own key; absent, one is generated once and kept in the database. */
  secret?: string | undefined;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  publicUrl?: string | undefined;
  clock?: Clock;
  bus?: EventBus;
  /** Beside the installed providers; one with the same id replaces the installed one. */
  providers?: ProviderDescriptor[];
  /** Adapters made by the caller (test-sized deadlines); one with a provider's id replaces the adapter it makes. */
  adapters?: PaymentAdapter[];
  /** Deadline of each call to a provider; default 10 s. */
  providerTimeoutMs?: number;
  log?: Logger;
  /** How often the expiry, refund-retry and webhook workers run. */
  workerIntervalMs?: number;
  /** A webhook receiver slower than this is a failed attempt. */
  webhookTimeoutMs?: number;
  /** When charges are re-read at their provider; tests shorten it to see a lost notification recovered. */
  reconcileTiming?: ReconcileTiming;
  /** Set: the panel's emails go through this SMTP server; absent: to `.eml` files in `outboxDir`. */
  smtpUrl?: string | undefined;
  mailFrom?: string | undefined;
  /** Default: `<dataDir>/outbox`. */
  outboxDir?: string | undefined;
  /** The bearer `/metrics` asks for; absent, only loopback callers read it. */
  metricsToken?: string | undefined;
  /** What one caller may hold on `/v1/ws`; each absent one takes its default. */
  webSocketLimits?: Partial<WsLimits>;
  /** Internal networks (CIDRs) webhooks and callbacks may reach beside public addresses. */
  outboundAllowCidrs?: readonly string[];
  /** How webhook and callback hosts are resolved at delivery; default: the system resolver. */
  outboundResolve?: Resolve;
  /** The rate limits to enforce (counted in Redis with `redisUrl`, else in memory); absent: none. */
  rateLimits?: Partial<RateLimitRules> | undefined;
  /** Failed panel log-ins in a row that lock an address until its emailed link is opened; absent: never. */
  loginLockoutAfter?: number | undefined;
  /** What the Shipay-compatible `POST /order` answers: 201 (Shipay's) unless an older client needs 200. */
  shipayOrderCreatedStatus?: 200 | 201 | undefined;
  /** Express's `trust proxy`: which hops' X-Forwarded-For to believe for the client's address; absent: none. */
  trustProxy?: string | number | undefined;
  /** The sales-file jobs' lease and progress pace; tests shorten them. */
  reportTiming?: ReportJobTiming;
  /** Report subscriptions' sending lease and retry backoff; tests shorten them. */
  subscriptionTiming?: SchedulerTiming;
}

export interface Gateway {
  readonly url: string;
  readonly db: Database;
  readonly deps: ServiceDeps & {
    orders: OrderService;
    refunds: RefundService;
    payments: PaymentService;
    auth: AuthService;
    webhooks: WebhookDispatcher;
    reconciler: ChargeReconciler;
    revocations: TokenRevocations;
    providerSecrets: ProviderSecrets;
    reportJobs: ReportJobs;
    subscriptionScheduler: SubscriptionScheduler;
    paymentLinks: PaymentLinkService;
    linkMail: LinkMail;
  };
  /** Stops accepting, closes WebSockets with "going away", waits for the workers, closes the database. */
  close(): Promise<void>;
}

/** Builds every dependency once, starts the HTTP/WebSocket server and the workers. */
export async function startGateway(options: GatewayOptions = {}): Promise<Gateway> {
  const log = options.log ?? createLogger('info');
  const clock = options.clock ?? systemClock;
  const db = await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir });
  const secret =
    options.secret ?? (await settingOrCreate(db.knex, 'gateway_secret', () => randomBytes(32).toString('base64url')));
  const subkey = (purpose: string) => createHmac('sha256', secret).update(purpose).digest();

  const host = options.host ?? '127.0.0.1';
  const bus =
    options.bus ??
    (options.redisUrl ? new RedisBus(options.redisUrl, await deploymentId(db), log) : new InProcessBus());
  // The sandbox's BR Codes point at this gateway, whose port is known only once it listens.
  let publicUrl = options.publicUrl ?? '';
  const providerSecrets = new ProviderSecrets(new SecretBox(subkey('provider-secrets')));
  const deps: ServiceDeps = {
    knex: db.knex,
    clock,
    ids: ulidIds(clock),
    bus,
    adapters: new AdapterRegistry(
      { descriptors: [...PROVIDERS, ...(options.providers ?? [])], adapters: options.adapters ?? [] },
      { log, clock, timeoutMs: options.providerTimeoutMs ?? 10_000, publicUrl: () => publicUrl },
      providerSecrets.open,
    ),
    clientSecrets: new ClientSecrets(subkey('client-secret')),
    log,
    metrics: new Metrics(),
    outbound: new OutboundPolicy(options.outboundAllowCidrs, options.outboundResolve),
    publicUrl: () => publicUrl,
  };
  const orders = new OrderService(deps);
  const refunds = new RefundService(deps, orders);
  const linkTokens = new LinkTokens(subkey('payment-link-tokens'));
  const paymentLinks = new PaymentLinkService(deps, linkTokens);
  const medWatch = medWatchOnApproval(clock, options.reconcileTiming);
  const payments = new PaymentService(deps, orders, refunds, {
    async orderApproved(trx, order, events) {
      await paymentLinks.lifecycle.orderApproved(trx, order, events);
      await medWatch.orderApproved(trx, order, events);
    },
    onItsRow(order) {
      const med = medWatch.onItsRow(order);
      return paymentLinks.lifecycle.onItsRow(order) && med;
    },
  });
  const events = new EventService(deps);
  const reconciler = new ChargeReconciler(deps, payments, refunds, options.reconcileTiming);
  const notifications = new ProviderNotifications(deps, payments, refunds);
  const accessTtlSeconds = options.accessTokenTtlSeconds ?? 900;
  const revocations = new TokenRevocations(clock, accessTtlSeconds);
  await revocations.refresh(db.knex);
  const auth = new AuthService(
    deps,
    {
      // A KeyObject: given raw bytes, jsonwebtoken first tries (and fails) to read them as a public key on every call.
      jwtKey: createSecretKey(subkey('jwt')),
      accessTtlSeconds,
      refreshTtlSeconds: options.refreshTokenTtlSeconds ?? 30 * 86_400,
    },
    revocations,
  );
  const webhooks = new WebhookService(deps, new SecretBox(subkey('webhook-secrets')));
  const dispatcher = new WebhookDispatcher(deps, webhooks, events, {
    timeoutMs: options.webhookTimeoutMs,
    onAttempt: ({ ok }) => deps.metrics.webhookAttempts.inc({ outcome: ok ? 'delivered' : 'failed' }),
  });
  const mailer = createMailer({
    smtpUrl: options.smtpUrl,
    from: options.mailFrom ?? DEFAULT_MAIL_FROM,
    outboxDir: options.outboxDir ?? path.join(options.dataDir ?? './.data', 'outbox'),
    clock,
  });
  const rateLimiter: RateLimiter = options.redisUrl
    ? new RedisRateLimiter(options.redisUrl, await deploymentId(db), log)
    : new MemoryRateLimiter();
  const limits = new RateLimits(rateLimiter, options.rateLimits ?? {}, clock);
  const panel = { mailer, publicUrl: () => publicUrl, limits };
  const sessions = new PanelSessions(deps, revocations);
  const lockouts = new LoginLockouts(deps, { ...panel, lockAfter: options.loginLockoutAfter ?? null });
  const accounts = new Accounts(deps, { ...panel, sessions, lockouts });
  const links = new SubscriptionLinks(subkey('report-subscription-links'), () => publicUrl);
  const hub = new EventHub(bus, events, { onError: (err) => log.warn({ err }, 'event log read failed') });
  const { server, closeWebSockets } = createApp({
    ...deps,
    auth,
    orders,
    refunds,
    payments,
    events,
    webhooks,
    hub,
    reconciler,
    notifications,
    revocations,
    providerSecrets,
    ...panel,
    trustProxy: options.trustProxy,
    accounts,
    sessions,
    onboarding: new Onboarding(deps),
    team: new Team(deps, panel),
    metricsToken: options.metricsToken,
    webSocketLimits: { ...DEFAULT_WS_LIMITS, ...options.webSocketLimits },
    reports: new ReportService(deps),
    reportSubscriptions: new ReportSubscriptions(deps, { mailer, links, limits }),
    paymentLinks,
    payPages: new PayPages(deps, linkTokens, paymentLinks, orders),
    shipayOrderCreatedStatus: options.shipayOrderCreatedStatus,
  });
  const linkMail = new LinkMail(deps, mailer, linkTokens);
  const reportJobs = new ReportJobs(deps, options.reportTiming);
  const attachments = reportAttachments(deps, { sales: salesAttachment(deps) });
  const subscriptionScheduler = new SubscriptionScheduler(
    deps,
    { mailer, links, attachments },
    options.subscriptionTiming,
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  publicUrl ||= url;

  const interval = options.workerIntervalMs ?? 1000;
  // Expiry ticks oftener than the other workers: an order closes within a tenth of a second of its deadline,
  // and a steady stream of deadlines expires in small batches whose events leave at once, not in a burst a second.
  const expiryInterval = Math.min(interval, EXPIRY_INTERVAL_MS);
  // PGlite has one connection: a second lane would only queue behind the first.
  const expiryLanes = db.backend === 'postgres' ? 3 : 1;
  const workers = [
    every('expiry', expiryInterval, expiryTick(deps, expiryLanes), log),
    every('refund-retry', interval * 5, () => refunds.retryDue(), log),
    every('webhooks', interval, () => dispatcher.deliverDue(), log),
    every('reconcile', interval * 5, () => reconciler.reconcileDue(), log),
    every('revocations', REVOCATION_REFRESH_MS, () => revocations.refresh(db.knex), log),
    every('reports', interval, () => reportJobs.runDue(), log),
    every('report-expiry', interval * 60, () => reportJobs.removeExpired(), log),
    every('report-subscriptions', interval * 5, () => subscriptionScheduler.runDue(), log),
    every('payment-link-mail', interval, () => linkMail.sendDue(), log),
    every('payment-link-expiry', interval, () => paymentLinks.lifecycle.expireDue(), log),
  ];
  await expireDueOrders(deps, expiryLanes);

  return {
    url,
    db,
    deps: {
      ...deps,
      orders,
      refunds,
      payments,
      auth,
      webhooks: dispatcher,
      reconciler,
      revocations,
      providerSecrets,
      reportJobs,
      subscriptionScheduler,
      paymentLinks,
      linkMail,
    },
    async close() {
      const stopping = stopServer(server);
      closeWebSockets();
      hub.close();
      await stopping;
      await Promise.all(workers.map((w) => w.stop()));
      await dispatcher.release();
      await bus.close();
      await rateLimiter.close();
      await db.close();
    },
  };
}
