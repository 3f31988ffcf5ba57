import type { PaymentLink, PaymentLinkEventType } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { decideClose } from '../../domain/order-state.js';
import type { IdGenerator } from '../../ids.js';
import type { EventDraft } from '../../store/events.js';
import { lockOrder, type OrderRecord, orderState, updateOrder } from '../../store/orders.js';
import {
  dueLinkIds,
  findLink,
  lockLink,
  lockLinkOfOrder,
  OPEN_STATUSES,
  type PaymentLinkRecord,
  updateLink,
} from '../../store/payment-links.js';
import { commitWithEvents } from '../commit.js';
import type { ServiceDeps } from '../deps.js';
import { eventFor } from '../orders/event-drafts.js';
import { removeAtProvider } from '../orders/provider-calls.js';

/** A link as its events carry it: everything but its URL, whose token the event log must not keep. */
export type LinkSnapshot = Omit<PaymentLink, 'url'>;

/** The metadata of a link's order: its link's id and reference. Only an order carrying the id has a link. */
export const linkOrderMetadata = (link: PaymentLinkRecord): Record<string, string> => ({
  payment_link_id: link.id,
  payment_link_ref: link.orderRef,
});

/** The event of a change to a link, on the merchant topic and its store's, and to webhooks asking for it. */
export function linkEvent(
  ids: IdGenerator,
  type: PaymentLinkEventType,
  link: PaymentLinkRecord,
  view: (l: PaymentLinkRecord) => PaymentLink,
): EventDraft {
  const { url: _url, ...snapshot } = view(link);
  return { id: ids('evt'), type, orderId: null, storeId: link.storeId, tillId: null, data: { payment_link: snapshot } };
}

type View = (l: PaymentLinkRecord) => PaymentLink;

/**
 * A link's transitions that touch its order: paid with it, closed (cancelled or expired) with its
 * pending order cancelled in the same transaction, so no payment can approve an order of a closed link.
 * The order's row is locked before the link's, as the payment path does, so the two never deadlock.
 */
export class LinkLifecycle {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly view: View,
  ) {}

  /** A link's order is approved in a transaction, which pays its link; any other has nothing to write. */
  onItsRow(order: OrderRecord): object | undefined {
    return order.metadata.payment_link_id === undefined ? {} : undefined;
  }

  /** Called by the payment service in the transaction that approves `order`: its link, if any, is paid. */
  async orderApproved(trx: Knex.Transaction, order: OrderRecord, events: EventDraft[]): Promise<void> {
    // Only a link's order carries its link's id (`linkOrderMetadata`): a till's order, the most of them, has
    // no link to look for, and its approval no round trip to spend on one.
    if (this.onItsRow(order)) return;
    const link = await lockLinkOfOrder(trx, order.id);
    if (!link || !OPEN_STATUSES.includes(link.status)) return;
    const paid = await updateLink(trx, link.id, { status: 'paid', paidAt: order.paidAt ?? this.deps.clock.now() });
    events.push(linkEvent(this.deps.ids, 'payment_link.paid', paid, this.view));
  }

  /**
   * Closes an open link as `to`, with its pending order; answers the link after, or undefined when it
   * was no longer open. `also` runs in the same transaction (an audit entry).
   */
  async close(
    id: string,
    to: 'cancelled' | 'expired',
    also?: (trx: Knex.Transaction, before: PaymentLinkRecord) => Promise<void>,
  ): Promise<PaymentLinkRecord | undefined> {
    const seen = await findLink(this.deps.knex, id);
    if (!seen) return undefined;
    const key = { merchantId: seen.merchantId, environment: seen.environment };
    const { link, cancelled } = await commitWithEvents(this.deps, key, async (trx, events) => {
      const order = seen.orderId ? await lockOrder(trx, seen.orderId) : undefined;
      const link = await lockLink(trx, id);
      if (!link || (!OPEN_STATUSES.includes(link.status) && !(to === 'cancelled' && link.status === 'failed')))
        return { link: undefined, cancelled: undefined };
      await also?.(trx, link);
      const closed = await updateLink(trx, id, { status: to });
      if (to === 'expired') events.push(linkEvent(this.deps.ids, 'payment_link.expired', closed, this.view));
      const decision = order && order.id === link.orderId ? decideClose(orderState(order), 'cancelled') : undefined;
      if (!order || !decision?.ok) return { link: closed, cancelled: undefined };
      const cancelled = await updateOrder(trx, order.id, { status: decision.value.status, cancelReason: 'requested' });
      events.push(eventFor(this.deps.ids, 'order.cancelled', cancelled));
      return { link: closed, cancelled };
    });
    if (cancelled) removeAtProvider(this.deps, [cancelled]);
    return link;
  }

  /** Expires open links past their deadline, up to `limit`; each once, whichever instance gets it. */
  async expireDue(limit = 200): Promise<number> {
    let expired = 0;
    for (const id of await dueLinkIds(this.deps.knex, this.deps.clock.now(), limit))
      if (await this.close(id, 'expired')) expired++;
    return expired;
  }
}
