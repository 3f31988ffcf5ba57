import { isOrderEvent } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { findEvent, type StoredEvent } from '../../store/events.js';
import {
  claimDueDeliveries,
  markEndpointOutcome,
  recordAttempt,
  releaseDeliveries,
  type WebhookAttempt,
  type WebhookDelivery,
} from '../../store/webhooks.js';
import type { ServiceDeps } from '../deps.js';
import { SHIPAY_ORDER_ID_KEY } from '../shipay/wire.js';
import type { EventService } from './events.js';
import { signatureHeader } from './webhook-signature.js';
import type { WebhookService } from './webhooks.js';

/**
 * Seconds to wait after each failed attempt; the last step repeats. The first eleven steps add up to
 * about 28 hours, so a receiver is retried for more than a day before the long tail.
 */
export const RETRY_SCHEDULE_SECONDS = [10, 30, 60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 43_200] as const;
/** A delivery still failing this long after its event is given up; an endpoint failing this long is disabled. */
export const GIVE_UP_AFTER_MS = 3 * 86_400_000;
const JITTER = 0.1;

export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const step =
    RETRY_SCHEDULE_SECONDS[Math.min(failedAttempts, RETRY_SCHEDULE_SECONDS.length) - 1] ?? RETRY_SCHEDULE_SECONDS[0];
  return Math.round(step * 1000 * (1 + JITTER * (2 * random() - 1)));
}

export interface DispatcherOptions {
  /** A receiver slower than this is a failed attempt. */
  timeoutMs?: number;
  batchSize?: number;
  onAttempt?: (outcome: { ok: boolean; delivery: WebhookDelivery; statusCode: number | null }) => void;
}

/**
 * Sends queued deliveries: claims due rows with SKIP LOCKED (so instances share the queue without
 * sending one delivery twice at once), POSTs the signed event, records every attempt, and schedules
 * the next one with exponential backoff and jitter until a 2xx or the give-up age.
 */
export class WebhookDispatcher {
  private readonly inFlight = new Set<string>();
  private readonly timeoutMs: number;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly webhooks: WebhookService,
    private readonly events: EventService,
    private readonly options: DispatcherOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async deliverDue(): Promise<number> {
    const now = this.deps.clock.now();
    const lease = new Date(now.getTime() + this.timeoutMs + 30_000);
    const due = await this.deps.knex.transaction((trx: Knex.Transaction) =>
      claimDueDeliveries(trx, now, lease, this.options.batchSize ?? 50),
    );
    await Promise.all(due.map((d) => this.attempt(d)));
    return due.length;
  }

  /** Gives back what this instance claimed but has not sent, for a quick hand-over on shutdown. */
  async release(): Promise<void> {
    await releaseDeliveries(this.deps.knex, [...this.inFlight], this.deps.clock.now());
  }

  private async attempt(delivery: WebhookDelivery): Promise<void> {
    this.inFlight.add(delivery.id);
    try {
      const [event, secret] = await Promise.all([
        findEvent(this.deps.knex, delivery, delivery.eventSeq),
        this.webhooks.signingSecret(delivery),
      ]);
      const startedAt = this.deps.clock.now();
      const started = performance.now();
      const result = !event
        ? { statusCode: null, error: 'event no longer kept' }
        : !secret
          ? { statusCode: null, error: 'endpoint disabled' }
          : await this.post(delivery, this.bodyOf(delivery, event), secret, startedAt);
      const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
      const attempt: WebhookAttempt = {
        attempt: delivery.attempts + 1,
        attemptedAt: startedAt,
        statusCode: result.statusCode,
        error: result.error,
        durationMs: Math.round(performance.now() - started),
      };
      const giveUp =
        !ok && (!event || !secret || startedAt.getTime() - delivery.createdAt.getTime() >= GIVE_UP_AFTER_MS);
      await this.deps.knex.transaction(async (trx) => {
        await recordAttempt(trx, delivery, attempt, {
          status: ok ? 'succeeded' : giveUp ? 'failed' : 'pending',
          nextAttemptAt: ok || giveUp ? null : new Date(startedAt.getTime() + retryDelayMs(attempt.attempt)),
          deliveredAt: ok ? startedAt : null,
        });
        if (delivery.endpointId) await markEndpointOutcome(trx, delivery.endpointId, ok, startedAt, GIVE_UP_AFTER_MS);
      });
      this.options.onAttempt?.({ ok, delivery, statusCode: result.statusCode });
    } finally {
      this.inFlight.delete(delivery.id);
    }
  }

  /**
   * The event as JSON; except that an order made through the Shipay-compatible API gets Shipay's
   * callback at its `callback_url`, `{order_id}` (its Shipay UUID), which those clients read back.
   */
  private bodyOf(delivery: WebhookDelivery, event: StoredEvent): string {
    const view = this.events.view(event);
    const shipayOrderId =
      delivery.endpointId === null && isOrderEvent(view) ? view.data.order.metadata[SHIPAY_ORDER_ID_KEY] : undefined;
    return JSON.stringify(shipayOrderId ? { order_id: shipayOrderId } : view);
  }

  private post(delivery: WebhookDelivery, body: string, secret: string, at: Date) {
    return this.deps.outbound.post(delivery.url, delivery.environment, {
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Tillgate-Webhooks/1',
        'tillgate-signature': signatureHeader(secret, body, at),
      },
      body,
      timeoutMs: this.timeoutMs,
    });
  }
}
