import { createHash, randomUUID } from 'node:crypto';
import type { OrderItem, Wallet } from '@tillgate/sdk/protocol';
import QRCode from 'qrcode';
import { centavosFromWrittenReais } from '../../adapters/money.js';
import {
  findShipayOrder,
  insertShipayOrder,
  listShipayOrders,
  type ShipayOrderKind,
} from '../../store/shipay-orders.js';
import type { AuthService } from '../accounts/auth.js';
import { authorize } from '../accounts/permissions.js';
import { idempotencyScope, type Principal, requireActor } from '../accounts/principal.js';
import type { ServiceDeps } from '../deps.js';
import { notFound } from '../errors.js';
import type { OrderService } from '../orders/orders.js';
import type { RefundService } from '../orders/refunds.js';
import { walletsOfTill } from '../orders/wallets.js';
import { SHIPAY_ORDER_ID_KEY, shipayListEntry, shipayOrderInfo, shipayStatus, shipayTime } from './wire.js';

/** The order a Shipay client asks for, its amounts already in centavos. */
export interface ShipayOrderInput {
  order_ref: string;
  wallet: Wallet;
  total: number;
  /** As the client sent them; passed on as our items only when they are whole and add up to the total. */
  items: ShipayItem[];
  buyer?: { name?: string | undefined; cpf_cnpj?: string | undefined; email?: string | undefined } | undefined;
  callback_url?: string | undefined;
  pix_dict_key?: string | undefined;
  /** Seconds. */
  expiration?: number | undefined;
}

export interface ShipayItem {
  item_title?: string | undefined;
  quantity: number;
  /** Reais, as the client wrote it (it may have more than two decimals). */
  unit_price: number;
  sku?: string | undefined;
  ean?: string | undefined;
}

export interface ShipayListInput {
  start?: Date | undefined;
  end?: Date | undefined;
  offset: number;
  limit: number;
}

/** Our order life ends at one hour; a Shipay client may ask for more (days, on `/orderv`). */
const MAX_EXPIRATION_SECONDS = 3600;
const MIN_EXPIRATION_SECONDS = 60;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Shipay's API over our own services: every order is one of ours (same state machine, idempotency,
 * events, late-payment refunds, reports); this adds only the UUID and the words Shipay clients use.
 */
export class ShipayCompat {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly auth: AuthService,
    private readonly orders: OrderService,
    private readonly refunds: RefundService,
    private readonly uuid: () => string = randomUUID,
  ) {}

  async login(input: { access_key: string; secret_key: string; client_id: string }) {
    return shipayTokens(await this.auth.tillLogin(input));
  }

  async refresh(refreshToken: string) {
    return shipayTokens(await this.auth.refresh(refreshToken));
  }

  async wallets(principal: Principal) {
    const wallets = await walletsOfTill(this.deps, principal, undefined);
    return wallets.map((w) => ({
      wallet: w.wallet,
      friendly_name: w.display_name,
      logo: w.logo_url,
      active: true,
      minimum_payment: 0.01,
      pix_dict_key: null,
      pix_psp: w.provider,
      wallet_setting_id: null,
      wallet_setting_name: w.display_name,
    }));
  }

  async create(principal: Principal, kind: ShipayOrderKind, input: ShipayOrderInput, idempotencyKey?: string) {
    // A retry with the same Idempotency-Key must make the same request (its hash covers the metadata).
    const scope = idempotencyScope(requireActor(principal), 'shipay.order');
    const orderId = idempotencyKey ? uuidFrom(`${scope}:${idempotencyKey}`) : this.uuid();
    const expiration = Math.min(
      MAX_EXPIRATION_SECONDS,
      Math.max(MIN_EXPIRATION_SECONDS, input.expiration ?? MAX_EXPIRATION_SECONDS),
    );
    const { order, replayed } = await this.orders.create(
      principal,
      {
        order_ref: input.order_ref,
        wallet: input.wallet,
        amount: input.total,
        items: ourItems(input.items, input.total),
        buyer: input.buyer,
        expires_in: expiration,
        callback_url: input.callback_url,
        metadata: { [SHIPAY_ORDER_ID_KEY]: orderId },
      },
      idempotencyKey,
    );
    const link = replayed
      ? await this.linkOf(order.metadata[SHIPAY_ORDER_ID_KEY])
      : { orderId, tillgateOrderId: order.id, kind, items: input.items };
    if (!replayed) await insertShipayOrder(this.deps.knex, link);
    const record = await this.orders.visibleRecord(principal, order.id);
    return {
      order_id: link.orderId,
      status: shipayStatus(record, link.kind),
      qr_code: await QRCode.toDataURL(order.qr_code_text, { errorCorrectionLevel: 'M', margin: 2 }),
      qr_code_text: order.qr_code_text,
      deep_link: order.deep_link ?? order.qr_code_text,
      wallet: order.wallet,
      pix_psp: order.provider,
      pix_dict_key: input.pix_dict_key ?? null,
      ...(link.kind === 'orderv' ? { expiration_date: shipayTime(record.expiresAt) } : {}),
      tillgate_order_id: order.id,
    };
  }

  async get(principal: Principal, orderId: string) {
    const { link, order } = await this.find(principal, orderId);
    return shipayOrderInfo(link, order);
  }

  /** Shipay's `DELETE /order/{id}`: cancels a pending order and refunds a paid one in full. */
  async cancel(principal: Principal, orderId: string) {
    const { link, order } = await this.find(principal, orderId);
    if (order.status === 'approved' || order.status === 'partially_refunded')
      await this.refunds.create(principal, order.id, {}, undefined);
    else await this.orders.cancel(principal, order.id);
    return this.get(principal, link.orderId);
  }

  /** Refunds `amount` centavos, or everything still refundable without one. */
  async refund(principal: Principal, orderId: string, amount: number | undefined) {
    const { link, order } = await this.find(principal, orderId);
    await this.refunds.create(principal, order.id, amount === undefined ? {} : { amount }, undefined);
    return this.get(principal, link.orderId);
  }

  async list(principal: Principal, input: ShipayListInput) {
    const actor = authorize(principal, 'orders.read');
    const filter = {
      merchantId: actor.merchantId,
      environment: actor.environment,
      ...(actor.kind === 'till' ? { tillId: actor.tillId } : {}),
      ...(actor.kind === 'user' && actor.storeIds ? { storeIds: actor.storeIds } : {}),
      createdFrom: input.start,
      createdTo: input.end,
    };
    const { rows, total } = await listShipayOrders(this.deps.knex, filter, input.limit, input.offset);
    return {
      count: rows.length,
      offset: input.offset,
      total,
      data: rows.map(({ link, order }) => shipayListEntry(link, order)),
    };
  }

  private async find(principal: Principal, orderId: string) {
    const link = await this.linkOf(orderId);
    return { link, order: await this.orders.visibleRecord(principal, link.tillgateOrderId) };
  }

  private async linkOf(orderId: string | undefined) {
    const link = orderId && UUID.test(orderId) ? await findShipayOrder(this.deps.knex, orderId) : undefined;
    if (!link) throw notFound('Order', orderId ?? '');
    return link;
  }
}

function shipayTokens(pair: {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  refresh_expires_in: number;
}) {
  return {
    access_token: pair.access_token,
    access_token_expires_in: pair.expires_in,
    refresh_token: pair.refresh_token,
    refresh_token_expires_in: pair.refresh_expires_in,
  };
}

/** Shipay's items as ours when they can be: whole quantities, titles, adding up to the total. */
function ourItems(items: ShipayItem[], total: number): OrderItem[] | undefined {
  if (items.length === 0 || items.length > 200) return undefined;
  const mapped: OrderItem[] = [];
  for (const item of items) {
    const title = item.item_title?.trim();
    const unitAmount = centavosOrUndefined(item.unit_price);
    if (!title || title.length > 200 || !Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > 1000)
      return undefined;
    if (unitAmount === undefined) return undefined;
    mapped.push({
      title,
      quantity: item.quantity,
      unit_amount: unitAmount,
      ...(item.sku ? { sku: item.sku.slice(0, 64) } : {}),
    });
  }
  const sum = mapped.reduce((s, i) => s + i.quantity * i.unit_amount, 0);
  return sum === total ? mapped : undefined;
}

function centavosOrUndefined(reais: number): number | undefined {
  try {
    return centavosFromWrittenReais(reais);
  } catch {
    return undefined;
  }
}

/** A UUID (version 8, name-based) that one seed always gives. */
function uuidFrom(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
