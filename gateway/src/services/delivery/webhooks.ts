import type { EventType, Page, WebhookDeliveryView, WebhookEndpointView } from '@tillgate/sdk/protocol';
import { newSecret } from '../../ids.js';
import { putSetting, settingOrCreate } from '../../store/settings.js';
import {
  findDelivery,
  findEndpoint,
  insertEndpoint,
  listAttempts,
  listDeliveries,
  listEndpoints,
  requeueDelivery,
  setEndpointStatus,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '../../store/webhooks.js';
import { authorize } from '../accounts/permissions.js';
import type { Principal } from '../accounts/principal.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { ServiceDeps } from '../deps.js';
import { notFound } from '../errors.js';
import { recordAudit } from '../security/audit.js';
import type { SecretBox } from '../security/secret-box.js';

/** Webhook endpoints are merchant-wide settings: only an app (or, later, a panel admin) manages them. */
const endpointView = (e: WebhookEndpoint): WebhookEndpointView => ({
  id: e.id,
  url: e.url,
  events: e.eventTypes,
  status: e.status,
  created_at: e.createdAt.toISOString(),
});

const deliveryView = (d: WebhookDelivery): WebhookDeliveryView => ({
  id: d.id,
  endpoint_id: d.endpointId,
  url: d.url,
  event_id: d.eventId,
  event_seq: d.eventSeq,
  status: d.status,
  attempts: d.attempts,
  next_attempt_at: d.nextAttemptAt?.toISOString() ?? null,
  last_status_code: d.lastStatusCode,
  last_error: d.lastError,
  created_at: d.createdAt.toISOString(),
  delivered_at: d.deliveredAt?.toISOString() ?? null,
});

const callbackSecretKey = (merchantId: string, environment: string) => `callback_secret:${merchantId}:${environment}`;

/** Endpoints, the delivery log and manual redelivery; the dispatcher does the sending. */
export class WebhookService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly box: SecretBox,
  ) {}

  async createEndpoint(
    principal: Principal,
    input: { url: string; events: EventType[] },
  ): Promise<WebhookEndpointView> {
    const app = authorize(principal, 'webhooks.manage');
    this.deps.outbound.checkUrl(input.url, app.environment, 'url');
    const secret = newSecret('whsec');
    const endpoint: WebhookEndpoint = {
      id: this.deps.ids('whe'),
      merchantId: app.merchantId,
      environment: app.environment,
      url: input.url,
      eventTypes: [...new Set(input.events)],
      secretEncrypted: this.box.seal(secret),
      status: 'active',
      failingSince: null,
      createdAt: this.deps.clock.now(),
    };
    await this.deps.knex.transaction(async (trx) => {
      await insertEndpoint(trx, endpoint);
      await recordAudit(this.deps, trx, {
        merchantId: app.merchantId,
        environment: app.environment,
        actor: app,
        action: 'webhook_endpoint.created',
        target: { type: 'webhook_endpoint', id: endpoint.id },
        changes: {
          url: { before: null, after: endpoint.url },
          events: { before: null, after: endpoint.eventTypes },
        },
      });
    });
    return { ...endpointView(endpoint), secret };
  }

  async listEndpoints(principal: Principal): Promise<WebhookEndpointView[]> {
    const app = authorize(principal, 'webhooks.manage');
    return (await listEndpoints(this.deps.knex, app.merchantId, app.environment)).map(endpointView);
  }

  async setEndpointStatus(
    principal: Principal,
    id: string,
    status: WebhookEndpoint['status'],
  ): Promise<WebhookEndpointView> {
    const endpoint = await this.ownEndpoint(principal, id);
    const app = authorize(principal, 'webhooks.manage');
    await this.deps.knex.transaction(async (trx) => {
      await setEndpointStatus(trx, endpoint.id, status);
      await recordAudit(this.deps, trx, {
        merchantId: app.merchantId,
        environment: app.environment,
        actor: app,
        action: 'webhook_endpoint.updated',
        target: { type: 'webhook_endpoint', id: endpoint.id },
        changes: status === endpoint.status ? {} : { status: { before: endpoint.status, after: status } },
      });
    });
    return endpointView({ ...endpoint, status });
  }

  async listDeliveries(
    principal: Principal,
    q: { endpointId?: string | undefined; status?: string | undefined; limit: number; cursor?: string | undefined },
  ): Promise<Page<WebhookDeliveryView>> {
    const app = authorize(principal, 'webhooks.manage');
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    const rows = await listDeliveries(
      this.deps.knex,
      { merchantId: app.merchantId, environment: app.environment, ...q },
      q.limit + 1,
      after,
    );
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return { data: page.map(deliveryView), next_cursor: rows.length > q.limit && last ? encodeCursor(last) : null };
  }

  async getDelivery(principal: Principal, id: string): Promise<WebhookDeliveryView> {
    const delivery = await this.ownDelivery(principal, id);
    const attempts = await listAttempts(this.deps.knex, id);
    return {
      ...deliveryView(delivery),
      attempt_log: attempts.map((a) => ({
        attempt: a.attempt,
        attempted_at: a.attemptedAt.toISOString(),
        status_code: a.statusCode,
        error: a.error,
        duration_ms: a.durationMs,
      })),
    };
  }

  async redeliver(principal: Principal, id: string): Promise<WebhookDeliveryView> {
    const delivery = await this.ownDelivery(principal, id);
    await requeueDelivery(this.deps.knex, id, this.deps.clock.now());
    return this.getDelivery(principal, delivery.id);
  }

  /** Issues a new secret for signing deliveries to orders' `callback_url`; the old one stops verifying. */
  async rollCallbackSecret(principal: Principal): Promise<{ secret: string }> {
    const app = authorize(principal, 'webhooks.manage');
    const secret = newSecret('whsec');
    await this.deps.knex.transaction(async (trx) => {
      await putSetting(trx, callbackSecretKey(app.merchantId, app.environment), this.box.seal(secret));
      await recordAudit(this.deps, trx, {
        merchantId: app.merchantId,
        environment: app.environment,
        actor: app,
        action: 'webhook_callback_secret.rotated',
      });
    });
    return { secret };
  }

  /** The secret a delivery is signed with: its endpoint's, or the merchant environment's callback secret. */
  async signingSecret(delivery: WebhookDelivery): Promise<string | undefined> {
    if (delivery.endpointId) {
      const endpoint = await findEndpoint(this.deps.knex, delivery.endpointId);
      return endpoint?.status === 'active' ? this.box.open(endpoint.secretEncrypted) : undefined;
    }
    const sealed = await settingOrCreate(
      this.deps.knex,
      callbackSecretKey(delivery.merchantId, delivery.environment),
      () => this.box.seal(newSecret('whsec')),
    );
    return this.box.open(sealed);
  }

  private async ownEndpoint(principal: Principal, id: string): Promise<WebhookEndpoint> {
    const app = authorize(principal, 'webhooks.manage');
    const endpoint = await findEndpoint(this.deps.knex, id);
    if (!endpoint || endpoint.merchantId !== app.merchantId || endpoint.environment !== app.environment)
      throw notFound('Webhook endpoint', id);
    return endpoint;
  }

  private async ownDelivery(principal: Principal, id: string): Promise<WebhookDelivery> {
    const app = authorize(principal, 'webhooks.manage');
    const delivery = await findDelivery(this.deps.knex, id);
    if (!delivery || delivery.merchantId !== app.merchantId || delivery.environment !== app.environment)
      throw notFound('Webhook delivery', id);
    return delivery;
  }
}
