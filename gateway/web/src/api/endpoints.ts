/** One function per endpoint the panel calls (gateway/web/README.md and the API reference). */
import type {
  AppCredential,
  AuditEvent,
  Board,
  CreatedProviderAccount,
  DailyReport,
  Environment,
  InvitationView,
  IssuedAppCredential,
  IssuedStoreCredential,
  MerchantDocument,
  Order,
  OrderSummary,
  OutboxMail,
  Page,
  ProviderAccount,
  ProviderDescription,
  Refund,
  Report,
  ReportFormat,
  ReportSubscription,
  Role,
  SessionView,
  Store,
  StoreCredential,
  SubscriptionFrequency,
  SubscriptionReport,
  Till,
  TillCategory,
  TillQrMode,
  User,
  WebhookDeliveryView,
  WebhookEndpointView,
} from '@tillgate/sdk/protocol';
import { call } from './client.js';

const pub = { public: true };
const id = encodeURIComponent;

export const accounts = {
  signup: (body: { merchant_name: string; cnpj: string; email: string; password: string; name?: string }) =>
    call<{ merchant_id: string; email: string }>('POST', '/v1/panel/signup', { body, ...pub }),
  activate: (token: string) => call<{ activated: boolean }>('POST', '/v1/panel/activate', { body: { token }, ...pub }),
  unlock: (token: string) => call<{ unlocked: boolean }>('POST', '/v1/panel/unlock', { body: { token }, ...pub }),
  login: (email: string, password: string) =>
    call<SessionView>('POST', '/v1/panel/login', { body: { email, password }, ...pub }),
  logout: () => call<null>('POST', '/v1/panel/logout', pub),
  requestReset: (email: string) => call<null>('POST', '/v1/panel/password-reset', { body: { email }, ...pub }),
  confirmReset: (token: string, password: string) =>
    call<unknown>('POST', '/v1/panel/password-reset/confirm', { body: { token, password }, ...pub }),
  readInvitation: (token: string) =>
    call<InvitationView>('POST', '/v1/panel/invitations/lookup', { body: { token }, ...pub }),
  acceptInvitation: (body: { token: string; name: string; password: string }) =>
    call<SessionView>('POST', '/v1/panel/invitations/accept', { body, ...pub }),
  outbox: () => call<{ data: OutboxMail[] }>('GET', '/v1/panel/outbox', pub),
};

export const session = {
  get: () => call<SessionView>('GET', '/v1/panel/session', pub),
  setEnvironment: (environment: Environment) =>
    call<SessionView>('POST', '/v1/panel/session/environment', { body: { environment } }),
  acceptTerms: () => call<SessionView>('POST', '/v1/panel/onboarding/terms', { body: { accept: true } }),
  uploadDocument: (file: File) =>
    call<MerchantDocument>('POST', '/v1/panel/documents', { query: { name: file.name }, file }),
  documents: () => call<Page<MerchantDocument>>('GET', '/v1/panel/documents'),
};

export const team = {
  list: () => call<Page<User>>('GET', '/v1/users', { query: { limit: 100 } }),
  invite: (body: { email: string; role: Role; store_ids?: string[] | null }) =>
    call<User>('POST', '/v1/users', { body }),
  update: (userId: string, body: { role?: Role; store_ids?: string[] | null }) =>
    call<User>('PATCH', `/v1/users/${id(userId)}`, { body }),
  remove: (userId: string) => call<null>('DELETE', `/v1/users/${id(userId)}`),
};

export type StoreFields = { name: string; cnpj?: string; address?: string; phone?: string };

export const stores = {
  list: (includeInactive = false) =>
    call<Page<Store>>('GET', '/v1/stores', { query: { include_inactive: includeInactive || undefined, limit: 100 } }),
  create: (body: StoreFields) => call<Store>('POST', '/v1/stores', { body }),
  update: (storeId: string, body: Partial<StoreFields> & { active?: boolean }) =>
    call<Store>('PATCH', `/v1/stores/${id(storeId)}`, { body }),
  credentials: (storeId: string) => call<StoreCredential>('GET', `/v1/stores/${id(storeId)}/credentials`),
  rotateCredentials: (storeId: string) => call<IssuedStoreCredential>('POST', `/v1/stores/${id(storeId)}/credentials`),
};

export const tills = {
  list: (storeId?: string, includeInactive = false) =>
    call<Page<Till>>('GET', '/v1/tills', {
      query: { store_id: storeId, include_inactive: includeInactive || undefined, limit: 100 },
    }),
  create: (body: { store_id: string; name: string; category: TillCategory }) =>
    call<Till>('POST', '/v1/tills', { body }),
  update: (tillId: string, body: { name?: string; category?: TillCategory; active?: boolean; qr_mode?: TillQrMode }) =>
    call<Till>('PATCH', `/v1/tills/${id(tillId)}`, { body }),
  printedQr: (tillId: string) =>
    call<{ mode: TillQrMode; wallet: string; qr_code_text: string }>('GET', `/v1/tills/${id(tillId)}/qr`, {
      query: { wallet: 'pix' },
    }),
  /** The printed QR's image, for `<img>` and downloads (the session cookie authenticates it). */
  printedQrUrl: (tillId: string, format: 'svg' | 'png' | 'pdf') =>
    `/v1/tills/${id(tillId)}/qr.${format}?wallet=pix${format === 'png' ? '&size=1024' : ''}`,
};

export const apps = {
  list: () => call<{ data: AppCredential[] }>('GET', '/v1/apps'),
  create: (appName: string) => call<IssuedAppCredential>('POST', '/v1/apps', { body: { app_name: appName } }),
  regenerate: (appName: string) => call<IssuedAppCredential>('POST', `/v1/apps/${id(appName)}/secret`),
};

/** The installed providers, and the fields each account of theirs takes. */
export const providers = {
  list: () => call<{ data: ProviderDescription[] }>('GET', '/v1/providers'),
};

export const providerAccounts = {
  list: () => call<Page<ProviderAccount>>('GET', '/v1/provider-accounts', { query: { limit: 100 } }),
  create: (body: Record<string, string | boolean | number | undefined>) =>
    call<CreatedProviderAccount>('POST', '/v1/provider-accounts', { body }),
  test: (accountId: string) =>
    call<{ ok: boolean; detail: string }>('POST', `/v1/provider-accounts/${id(accountId)}/test`),
  associate: (accountId: string, body: { wallet: string; store_id?: string; till_id?: string }) =>
    call<unknown>('POST', `/v1/provider-accounts/${id(accountId)}/associations`, { body }),
  dissociate: (accountId: string, associationId: string) =>
    call<null>('DELETE', `/v1/provider-accounts/${id(accountId)}/associations/${id(associationId)}`),
};

export type OrderFilters = Partial<
  Record<'status' | 'wallet' | 'store_id' | 'till_id' | 'q' | 'created_from' | 'created_to', string> &
    Record<'amount_min' | 'amount_max', number>
>;

export const orders = {
  board: (storeId: string) => call<Board>('GET', '/v1/board', { query: { store_id: storeId } }),
  list: (filters: OrderFilters, cursor?: string) =>
    call<Page<Order>>('GET', '/v1/orders', { query: { ...filters, cursor, limit: 25 } }),
  summary: (filters: OrderFilters) => call<OrderSummary>('GET', '/v1/orders/summary', { query: filters }),
  get: (orderId: string) => call<Order>('GET', `/v1/orders/${id(orderId)}`),
  cancel: (orderId: string) => call<Order>('POST', `/v1/orders/${id(orderId)}/cancel`),
  refunds: (orderId: string) => call<Page<Refund>>('GET', `/v1/orders/${id(orderId)}/refunds`),
  refund: (orderId: string, amount: number | undefined, idempotencyKey: string) =>
    call<Refund>('POST', `/v1/orders/${id(orderId)}/refunds`, {
      body: amount === undefined ? {} : { amount },
      idempotencyKey,
    }),
};

export type AuditFilters = Partial<Record<'actor' | 'action' | 'environment' | 'from' | 'to', string>>;

export const audit = {
  list: (filters: AuditFilters, cursor?: string) =>
    call<Page<AuditEvent>>('GET', '/v1/audit-events', { query: { ...filters, cursor, limit: 50 } }),
};

export const webhooks = {
  endpoints: () => call<{ data: WebhookEndpointView[] }>('GET', '/v1/webhook-endpoints'),
  createEndpoint: (url: string, events: string[]) =>
    call<WebhookEndpointView>('POST', '/v1/webhook-endpoints', { body: { url, events } }),
  setEndpointEnabled: (endpointId: string, enabled: boolean) =>
    call<WebhookEndpointView>('POST', `/v1/webhook-endpoints/${id(endpointId)}/${enabled ? 'enable' : 'disable'}`),
  deliveries: (cursor?: string) =>
    call<Page<WebhookDeliveryView>>('GET', '/v1/webhook-deliveries', { query: { cursor, limit: 25 } }),
  redeliver: (deliveryId: string) =>
    call<WebhookDeliveryView>('POST', `/v1/webhook-deliveries/${id(deliveryId)}/redeliver`),
};

export const reports = {
  daily: (month: string, storeId?: string) =>
    call<DailyReport>('GET', '/v1/reports/daily', { query: { month, store_id: storeId } }),
  /** A download link: the browser sends the session cookie with it. */
  dailyFile: (month: string, storeId: string | undefined, format: 'json' | 'csv' | 'xlsx') =>
    `/v1/reports/daily?${new URLSearchParams({ month, format, ...(storeId ? { store_id: storeId } : {}) })}`,
  list: (cursor?: string) => call<Page<Report>>('GET', '/v1/reports', { query: { limit: 20, cursor } }),
  get: (reportId: string) => call<Report>('GET', `/v1/reports/${id(reportId)}`),
  create: (body: {
    kind: 'sales';
    format: ReportFormat;
    from: string;
    to: string;
    store_id?: string;
    status?: string;
    wallet?: string;
  }) => call<Report>('POST', '/v1/reports', { body }),
  fileUrl: (reportId: string) => `/v1/reports/${id(reportId)}/file`,
};

export interface SubscriptionFields {
  email: string;
  report: SubscriptionReport;
  format: ReportFormat;
  store_id: string | null;
  frequency: SubscriptionFrequency;
}

export const subscriptions = {
  list: () => call<Page<ReportSubscription>>('GET', '/v1/report-subscriptions', { query: { limit: 100 } }),
  create: (body: SubscriptionFields) => call<ReportSubscription>('POST', '/v1/report-subscriptions', { body }),
  update: (subscriptionId: string, body: Partial<SubscriptionFields>) =>
    call<ReportSubscription>('PATCH', `/v1/report-subscriptions/${id(subscriptionId)}`, { body }),
  remove: (subscriptionId: string) => call<null>('DELETE', `/v1/report-subscriptions/${id(subscriptionId)}`),
};
