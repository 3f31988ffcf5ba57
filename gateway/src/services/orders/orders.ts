import type { CreateOrderRequest, Order, OrderSummary, Page } from '@tillgate/sdk/protocol';
import type { Charge, FixedQrLink, ProviderAccount } from '../../adapters/types.js';
import { chargeRefusal } from '../../domain/capabilities.js';
import { decideClose } from '../../domain/order-state.js';
import type { ChannelKey } from '../../store/events.js';
import { placeOrder, readCreateContext } from '../../store/order-create.js';
import { totalOrders } from '../../store/order-totals.js';
import {
  findOrder,
  insertReplacingPending,
  listOrders,
  lockOrder,
  type OrderFilter,
  type OrderRecord,
  orderState,
  updateOrder,
} from '../../store/orders.js';
import { findOrderWithAccount } from '../../store/provider-orders.js';
import { findStore, type StoreRecord } from '../../store/stores.js';
import { findTill, type Till } from '../../store/tills.js';
import { authorize } from '../accounts/permissions.js';
import { type Actor, canSee, idempotencyScope, type Principal, seesStore } from '../accounts/principal.js';
import { commitWithEvents, publishCommitted } from '../commit.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';
import { IdempotentWrite, KeyTaken } from '../idempotency.js';
import { recordAudit } from '../security/audit.js';
import { unfitForLive } from '../setup/provider-account-config.js';
import { enforceCapabilities } from './capabilities.js';
import { eventFor } from './event-drafts.js';
import { summaryOf } from './order-summary.js';
import { orderSnapshot } from './presenters.js';
import { PrintedQrs } from './printed-qrs.js';
import { notificationUrl, providerProblem, removeAtProvider } from './provider-calls.js';

/** A create as the service takes it: the protocol's request with its default expiry applied. */
export type CreateOrderInput = CreateOrderRequest & { expires_in: number };

/** What a caller may filter orders by; its merchant, environment and reach come from its credentials. */
export type OrderFilterInput = Omit<OrderFilter, 'merchantId' | 'environment'>;

export interface ListOrdersInput extends OrderFilterInput {
  limit: number;
  cursor?: string | undefined;
}

/** The filter narrowed to what the actor may see: its merchant and environment, a till's own orders, a user's stores. */
export function visibleOrders(actor: Actor, input: OrderFilterInput): OrderFilter {
  const filter: OrderFilter = { ...input, merchantId: actor.merchantId, environment: actor.environment };
  if (actor.kind === 'till') filter.tillId = actor.tillId;
  if (actor.kind === 'user' && actor.storeIds) filter.storeIds = actor.storeIds;
  return filter;
}

export class OrderService {
  readonly printedQrs: PrintedQrs;

  constructor(private readonly deps: ServiceDeps) {
    this.printedQrs = new PrintedQrs(deps);
  }

  toWire(order: OrderRecord): Order {
    return { ...orderSnapshot(order), client_secret: this.deps.clientSecrets.issue(order.id) };
  }

  async create(
    principal: Principal,
    input: CreateOrderInput,
    idempotencyKey: string | undefined,
  ): Promise<{ order: Order; replayed: boolean }> {
    const actor = authorize(principal, 'orders.create');
    const tillId = actor.kind === 'till' ? actor.tillId : input.till_id;
    if (actor.kind === 'till' && input.till_id !== undefined && input.till_id !== actor.tillId) {
      throw new ApiError('forbidden', 'A till token creates orders for its own till only', [
        { field: 'till_id', message: 'must be your own till' },
      ]);
    }
    if (!tillId)
      throw new ApiError('validation_failed', 'An app token or a panel user must name the till', [
        { field: 'till_id', code: 'required', message: 'is required' },
      ]);
    checkItems(input);
    if (input.callback_url) this.deps.outbound.checkUrl(input.callback_url, actor.environment, 'callback_url');

    const key = { merchantId: actor.merchantId, environment: actor.environment };
    const once = new IdempotentWrite(this.deps.knex, idempotencyScope(actor, 'orders.create'), idempotencyKey, input);
    const replay = (id: string) => this.replay(actor, id);
    // The earlier request's record comes with the till's charge target, in one query.
    const { target, previous } = await readCreateContext(
      this.deps.knex,
      { ...key, tillId, wallet: input.wallet },
      once.ref,
    );
    const earlier = once.replayOf(previous);
    if (earlier) return replay(earlier);
    if (!target || !seesStore(actor, target.storeId))
      throw new ApiError('till_not_found', `Till ${tillId} does not exist or is inactive`, [
        { field: 'till_id', message: 'unknown or inactive till' },
      ]);
    if (!target.account) {
      throw new ApiError('wallet_not_available', `Wallet ${input.wallet} is not associated to till ${tillId}`, [
        { field: 'wallet', message: 'not associated to this till' },
      ]);
    }
    const account = target.account;
    const unfit = actor.environment === 'live' ? unfitForLive(this.deps.adapters, account) : undefined;
    if (unfit)
      throw new ApiError('wallet_not_available', `The provider account for ${input.wallet} on this till ${unfit}`, [
        { field: 'wallet', message: `its provider account ${unfit}` },
      ]);
    enforceCapabilities(this.deps.adapters, account.adapter, (limits) =>
      chargeRefusal(limits, { amount: input.amount, expiresInSeconds: input.expires_in }),
    );
    const adapter = this.deps.adapters.get(account.adapter);

    const now = this.deps.clock.now();
    const id = this.deps.ids('ord');
    const expiresAt = new Date(now.getTime() + input.expires_in * 1000);
    const items = input.items ?? [];
    const createCharge = (fixedQr: FixedQrLink | undefined) =>
      adapter
        .createCharge({
          order: {
            orderId: id,
            orderRef: input.order_ref,
            storeId: target.storeId,
            tillId: target.tillId,
            notificationUrl: notificationUrl(this.deps.publicUrl(), account),
            wallet: input.wallet,
            amount: input.amount,
            items,
            expiresAt,
            expiresInSeconds: input.expires_in,
            description: input.order_ref,
            fixedQr,
          },
          account,
          idempotencyKey: id,
        })
        .catch(providerProblem);

    const placeCharged = (charge: Charge): Promise<{ order: Order; replayed: boolean }> => {
      const order: OrderRecord = {
        id,
        ...key,
        storeId: target.storeId,
        tillId: target.tillId,
        orderRef: input.order_ref,
        wallet: input.wallet,
        provider: account.provider,
        providerAccountId: account.id,
        providerRef: charge.providerRef,
        status: 'pending',
        amount: input.amount,
        paidAmount: 0,
        refundedAmount: 0,
        reservedAmount: 0,
        qrCodeText: charge.qrCodeText,
        deepLink: charge.deepLink,
        items,
        buyer: input.buyer ?? null,
        metadata: input.metadata ?? {},
        callbackUrl: input.callback_url ?? null,
        payment: null,
        latePayment: null,
        cancelReason: null,
        createdAt: now,
        expiresAt,
        paidAt: null,
      };
      return once.race(replay, async () => {
        try {
          const replaced = await retryOnRefRace(() => this.place(key, order, once));
          removeAtProvider(this.deps, replaced);
        } catch (err) {
          // The provider holds a charge no stored order points to, whatever failed: remove it there.
          removeAtProvider(this.deps, [order]);
          throw err;
        }
        return { order: this.toWire(order), replayed: false };
      });
    };
    return this.printedQrs.charge({ ...target, account }, createCharge, placeCharged);
  }

  /**
   * Writes the new order with its idempotency key and events; returns the orders it replaced. The
   * common case (no pending order with this reference) is one statement; a replacement is a transaction.
   */
  private async place(key: ChannelKey, order: OrderRecord, once: IdempotentWrite): Promise<OrderRecord[]> {
    const created = eventFor(this.deps.ids, 'order.created', order);
    const placed = await placeOrder(this.deps.knex, {
      key,
      order,
      event: created,
      claim: once.claimFor(order.id),
      now: this.deps.clock.now(),
    });
    if (placed.outcome === 'key_taken') throw new KeyTaken();
    if (placed.outcome === 'created') {
      publishCommitted(this.deps, placed.events);
      return [];
    }
    return commitWithEvents(this.deps, key, async (trx, events) => {
      await once.claim(trx, order.id, order.createdAt);
      const replaced = await insertReplacingPending(trx, order);
      for (const old of replaced) events.push(eventFor(this.deps.ids, 'order.cancelled', old));
      events.push(created);
      return replaced;
    });
  }

  private async replay(principal: Principal, orderId: string) {
    return { order: await this.get(principal, orderId), replayed: true };
  }

  async get(principal: Principal, id: string): Promise<Order> {
    return this.toWire(await this.visibleRecord(principal, id));
  }

  find(id: string): Promise<OrderRecord | undefined> {
    return findOrder(this.deps.knex, id);
  }

  /** The merchant and store of a till, for deciding who may watch it. */
  findTill(id: string): Promise<Till | undefined> {
    return findTill(this.deps.knex, id);
  }

  findStore(id: string): Promise<StoreRecord | undefined> {
    return findStore(this.deps.knex, id);
  }

  async visibleRecord(principal: Principal, id: string): Promise<OrderRecord> {
    const order = await findOrder(this.deps.knex, id);
    if (!order || !canSee(principal, order)) throw notFound('Order', id);
    return order;
  }

  /** The order and the provider account of its charge, in one read, for a path that calls the provider next. */
  async visibleWithAccount(
    principal: Principal,
    id: string,
  ): Promise<{ order: OrderRecord; account: ProviderAccount }> {
    const found = await findOrderWithAccount(this.deps.knex, id);
    if (!found || !canSee(principal, found.order)) throw notFound('Order', id);
    return found;
  }

  async list(principal: Principal, input: ListOrdersInput): Promise<Page<Order>> {
    const actor = authorize(principal, 'orders.read');
    const { limit: _limit, cursor: _cursor, ...filter } = input;
    const rows = await listOrders(
      this.deps.knex,
      visibleOrders(actor, filter),
      input.limit + 1,
      input.cursor ? decodeCursor(input.cursor) : undefined,
    );
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      data: page.map((o) => this.toWire(o)),
      next_cursor: rows.length > input.limit && last ? encodeCursor(last) : null,
    };
  }

  /** The totals of what `list` would page through with the same filters, computed in the database. */
  async summary(principal: Principal, input: OrderFilterInput): Promise<OrderSummary> {
    const actor = authorize(principal, 'orders.read');
    return summaryOf(await totalOrders(this.deps.knex, visibleOrders(actor, input)));
  }

  async cancel(principal: Principal, id: string): Promise<Order> {
    const actor = authorize(principal, 'orders.cancel');
    const key = { merchantId: actor.merchantId, environment: actor.environment };
    const cancelled = await commitWithEvents(this.deps, key, async (trx, events) => {
      const order = await lockOrder(trx, id);
      if (!order || !canSee(actor, order)) throw notFound('Order', id);
      const decision = decideClose(orderState(order), 'cancelled');
      if (!decision.ok) {
        const hint = order.status === 'approved' || order.status === 'partially_refunded' ? '; refund it instead' : '';
        throw new ApiError('order_not_cancellable', `Order ${id} is ${order.status}${hint}`);
      }
      const updated = await updateOrder(trx, id, { status: decision.value.status, cancelReason: 'requested' });
      await recordAudit(this.deps, trx, {
        ...key,
        actor,
        action: 'order.cancelled',
        target: { type: 'order', id },
        changes: { status: { before: order.status, after: updated.status } },
      });
      events.push(eventFor(this.deps.ids, 'order.cancelled', updated));
      return updated;
    });
    removeAtProvider(this.deps, [cancelled]);
    return this.toWire(cancelled);
  }
}

/**
 * Two creates with one `order_ref` racing: the loser's insert meets the winner's pending order in
 * the unique index. Running the loser again makes it replace the winner, as if it came second.
 */
async function retryOnRefRace<T>(attempt: () => Promise<T>): Promise<T> {
  // Each round at least one of the racers commits, so n racers settle within n rounds.
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (err) {
      const pg = err as { code?: string; constraint?: string };
      if (pg.code !== '23505' || pg.constraint !== 'orders_one_pending_ref') throw err;
      if (tries >= MAX_REF_RACE_TRIES) {
        throw new ApiError(
          'order_ref_contended',
          'Other orders with this order_ref are being created at the same moment; retry',
        );
      }
    }
  }
}

const MAX_REF_RACE_TRIES = 20;

function checkItems(input: CreateOrderInput): void {
  if (!input.items || input.items.length === 0) return;
  // BigInt, so that absurd quantities cannot overflow into a false match.
  const total = input.items.reduce((sum, i) => sum + BigInt(i.quantity) * BigInt(i.unit_amount), 0n);
  if (total !== BigInt(input.amount)) {
    throw new ApiError('items_total_mismatch', `Items add up to ${total} centavos but amount is ${input.amount}`, [
      { field: 'amount', message: `must equal the items' total, ${total}` },
    ]);
  }
}
