import type { EventType } from '@tillgate/sdk/protocol';
import type { IdGenerator } from '../../ids.js';
import type { EventDraft } from '../../store/events.js';
import type { OrderRecord } from '../../store/orders.js';
import type { RefundRecord } from '../../store/refunds.js';
import { orderSnapshot, refundView } from './presenters.js';

/** The event of a change to an order (and one of its refunds), carrying their state after it. */
export function eventFor(ids: IdGenerator, type: EventType, order: OrderRecord, refund?: RefundRecord): EventDraft {
  const data: Record<string, unknown> = { order: orderSnapshot(order) };
  if (refund) data.refund = refundView(refund);
  return { id: ids('evt'), type, orderId: order.id, storeId: order.storeId, tillId: order.tillId, data };
}
