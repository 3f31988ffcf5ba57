import type { PayPage, PayPageOrder, Wallet } from '@tillgate/sdk/protocol';
import { findMerchantProfile } from '../../store/merchant-profile.js';
import { findOrder, type OrderRecord } from '../../store/orders.js';
import {
  findLinkByTokenHash,
  findLinkTill,
  lockLink,
  OPEN_STATUSES,
  type PaymentLinkRecord,
  updateLink,
} from '../../store/payment-links.js';
import { findStore } from '../../store/stores.js';
import { tillWallets } from '../../store/wallets.js';
import type { Actor } from '../accounts/principal.js';
import { commitWithEvents } from '../commit.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import type { OrderService } from '../orders/orders.js';
import { linkEvent, linkOrderMetadata } from './link-lifecycle.js';
import type { LinkTokens } from './link-tokens.js';
import { closed, type PaymentLinkService } from './payment-links.js';

/** An order of a link lasts at most this long, like any QR order. */
const ORDER_SECONDS = 3600;

/**
 * The hosted page's use cases, reached by the link's token alone: what the page shows, and the link's
 * order, created at the store's virtual e-commerce till (made on first use) as an ordinary order.
 */
export class PayPages {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly tokens: LinkTokens,
    private readonly links: PaymentLinkService,
    private readonly orders: OrderService,
  ) {}

  /** What the page shows; the first view marks the link opened. */
  async show(token: string): Promise<PayPage> {
    let link = await this.byToken(token);
    if (link.status === 'sent') link = await this.markOpened(link);
    const [store, merchant, order] = await Promise.all([
      findStore(this.deps.knex, link.storeId),
      findMerchantProfile(this.deps.knex, link.merchantId),
      link.orderId ? findOrder(this.deps.knex, link.orderId) : undefined,
    ]);
    return {
      merchant: merchant?.name ?? '',
      store: store?.name ?? '',
      environment: link.environment,
      order_ref: link.orderRef,
      buyer_ref: link.buyerRef,
      amount: link.amount,
      message: link.message,
      status: link.status,
      expires_at: link.expiresAt.toISOString(),
      wallets: await this.walletsOf(link),
      order: order && this.shows(order) ? this.orderView(order) : null,
    };
  }

  /**
   * The link's pending order for `wallet`, or a new one (replacing a pending one of another wallet, as a
   * till's new QR replaces its old). Concurrent opens name the same idempotency key, so they make one order.
   */
  async order(token: string, wallet: Wallet): Promise<PayPageOrder> {
    const link = await this.byToken(token);
    const now = this.deps.clock.now();
    if (!OPEN_STATUSES.includes(link.status) || link.expiresAt <= now) throw closed(link);
    if (!(await this.walletsOf(link)).includes(wallet))
      throw new ApiError('wallet_not_available', `Wallet ${wallet} is not offered by this link`, [
        { field: 'wallet', message: 'not offered by this link' },
      ]);
    const current = link.orderId ? await findOrder(this.deps.knex, link.orderId) : undefined;
    if (current?.status === 'pending' && current.expiresAt > now && current.wallet === wallet)
      return this.orderView(current);

    const tillId = await this.tillOf(link);
    const left = Math.floor((link.expiresAt.getTime() - now.getTime()) / 60_000) * 60;
    const { order } = await this.orders.create(
      linkActor(link),
      {
        order_ref: link.id,
        wallet,
        amount: link.amount,
        till_id: tillId,
        buyer: { email: link.email },
        expires_in: Math.max(60, Math.min(ORDER_SECONDS, left)),
        metadata: linkOrderMetadata(link),
      },
      `${link.id}:${current?.id ?? 'first'}:${wallet}`,
    );
    await this.attach(link, order.id);
    const record = await findOrder(this.deps.knex, order.id);
    if (!record) throw new Error(`order ${order.id} of link ${link.id} vanished`);
    return this.orderView(record);
  }

  /** Makes the order the link's current one, unless the link closed meanwhile: then it refuses. */
  private async attach(link: PaymentLinkRecord, orderId: string): Promise<void> {
    const key = { merchantId: link.merchantId, environment: link.environment };
    const open = await commitWithEvents(this.deps, key, async (trx, events) => {
      const locked = await lockLink(trx, link.id);
      if (!locked || !OPEN_STATUSES.includes(locked.status)) return false;
      const opened = !locked.openedAt;
      const after = await updateLink(trx, link.id, {
        orderId,
        ...(opened ? { openedAt: this.deps.clock.now(), status: 'opened' } : {}),
      });
      if (opened) events.push(linkEvent(this.deps.ids, 'payment_link.opened', after, (l) => this.links.view(l)));
      return true;
    });
    // Closed between the check and now: the fresh order is cancelled with the link's own rules.
    if (!open) {
      await this.links.lifecycle.close(link.id, 'cancelled');
      throw closed((await this.byToken(this.tokens.tokenOf(link.id))) ?? link);
    }
  }

  private async markOpened(link: PaymentLinkRecord): Promise<PaymentLinkRecord> {
    const key = { merchantId: link.merchantId, environment: link.environment };
    return commitWithEvents(this.deps, key, async (trx, events) => {
      const locked = await lockLink(trx, link.id);
      if (locked?.status !== 'sent') return locked ?? link;
      const opened = await updateLink(trx, link.id, { status: 'opened', openedAt: this.deps.clock.now() });
      events.push(linkEvent(this.deps.ids, 'payment_link.opened', opened, (l) => this.links.view(l)));
      return opened;
    });
  }

  private async byToken(token: string): Promise<PaymentLinkRecord> {
    const link = this.tokens.isWellFormed(token)
      ? await findLinkByTokenHash(this.deps.knex, this.tokens.hashOf(token))
      : undefined;
    if (!link) throw new ApiError('not_found', 'No payment link has this address');
    return link;
  }

  /** Made with the store's first link. */
  private async tillOf(link: PaymentLinkRecord): Promise<string> {
    const till = await findLinkTill(this.deps.knex, link.storeId);
    if (!till) throw new Error(`store ${link.storeId} of link ${link.id} has no payment-link till`);
    return till;
  }

  /** The store's wallets in the link's environment, narrowed to the link's choice. */
  private async walletsOf(link: PaymentLinkRecord): Promise<Wallet[]> {
    const offered = (await tillWallets(this.deps.knex, await this.tillOf(link), link.environment, link.merchantId)).map(
      (w) => w.wallet,
    );
    return link.wallets ? offered.filter((w) => link.wallets?.includes(w)) : offered;
  }

  /** A pending order still in time, or the paid one (its receipt). */
  private shows(order: OrderRecord): boolean {
    if (order.status === 'pending') return order.expiresAt > this.deps.clock.now();
    return order.paidAt !== null;
  }

  private orderView(o: OrderRecord): PayPageOrder {
    return {
      id: o.id,
      status: o.status,
      wallet: o.wallet,
      qr_code_text: o.qrCodeText,
      expires_at: o.expiresAt.toISOString(),
      client_secret: this.deps.clientSecrets.issue(o.id),
      paid_at: o.paidAt?.toISOString() ?? null,
      provider_payment_id: o.payment?.provider_payment_id ?? null,
    };
  }
}

/**
 * The gateway acting for the link's payer: an app-like actor of the link's merchant and environment,
 * whose idempotency scope is its own (`payment-links`).
 */
const linkActor = (link: PaymentLinkRecord): Actor => ({
  kind: 'app',
  merchantId: link.merchantId,
  environment: link.environment,
  appName: 'payment-links',
});
