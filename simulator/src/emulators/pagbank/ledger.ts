import { randomUUID } from 'node:crypto';
import { encodeBRCode } from '@tillgate/sdk/pix';
import { invalid, missing, notFound, PagBankError } from './problems.js';

export type ChargeStatus = 'WAITING' | 'IN_ANALYSIS' | 'AUTHORIZED' | 'PAID' | 'DECLINED' | 'CANCELED';

export interface Link {
  rel: string;
  href: string;
  media: string;
  type: 'GET' | 'POST';
}

export interface QrCode {
  id: string;
  expiration_date: string;
  amount: { value: number };
  text: string;
  arrangements: string[];
  links: Link[];
}

export interface Charge {
  id: string;
  reference_id: string;
  status: ChargeStatus;
  created_at: string;
  paid_at?: string;
  description: string;
  amount: { value: number; currency: 'BRL'; summary: { total: number; paid: number; refunded: number } };
  payment_response: { code: string; message: string };
  payment_method: { type: 'PIX' };
  links: Link[];
}

export interface Order {
  id: string;
  reference_id: string;
  created_at: string;
  items: Array<{ reference_id?: string; name: string; quantity: number; unit_amount: number }>;
  qr_codes: QrCode[];
  charges: Charge[];
  notification_urls: string[];
  links: Link[];
}

export interface PagBankLedgerOptions {
  /** `host:port` of the emulator, for links and QR locations; known once it listens. */
  host: () => string;
  merchantName: string;
  merchantCity: string;
  now: () => Date;
}

/** What a payer does at the PagBank app: pay (another amount, or with refunds the bank will refuse), or fail. */
export interface PayOptions {
  amount?: number;
  refunds?: 'fail';
}

/**
 * PagBank's state and rules for QR orders: one QR per order, one payment per QR (a charge appears when
 * someone pays), refunds by cancelling the charge, in part or whole, never past what was paid. Amounts are
 * integer centavos; times are written in Brasília time as PagBank writes them.
 */
export class PagBankLedger {
  private readonly orders = new Map<string, Order>();
  private readonly orderIdOfCharge = new Map<string, string>();
  private readonly orderOfQr = new Map<string, string>();
  /** Charges whose cancellations the payer's side refuses (`refunds: "fail"`). */
  private readonly refusingRefunds = new Set<string>();

  constructor(private readonly options: PagBankLedgerOptions) {}

  createOrder(body: unknown): Order {
    const req = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const referenceId = text(req.reference_id, 'reference_id', 64);
    const items = list(req.items, 'items').map((item, i) => orderItem(item, `items[${i}]`));
    const qrCodes = list(req.qr_codes, 'qr_codes');
    if (qrCodes.length !== 1) throw invalid('qr_codes', 'only one QR code per order');
    const qr = (qrCodes[0] ?? {}) as Record<string, unknown>;
    const value = centavos((qr.amount as Record<string, unknown> | undefined)?.value, 'qr_codes[0].amount.value');
    const expiration = qr.expiration_date === undefined ? undefined : instant(qr.expiration_date);
    if (qr.expiration_date !== undefined && expiration === undefined) throw invalid('qr_codes[0].expiration_date');
    const arrangements = qr.arrangements === undefined ? ['PIX'] : list(qr.arrangements, 'qr_codes[0].arrangements');
    if (!arrangements.every((a) => a === 'PIX' || a === 'PAGBANK')) throw invalid('qr_codes[0].arrangements');
    const urls = req.notification_urls === undefined ? [] : list(req.notification_urls, 'notification_urls');
    if (!urls.every((u) => typeof u === 'string' && URL.canParse(u))) throw invalid('notification_urls');

    const now = this.options.now();
    const id = `ORDE_${uuid()}`;
    const qrId = `QRCO_${uuid()}`;
    const order: Order = {
      id,
      reference_id: referenceId,
      created_at: brasilia(now),
      items,
      qr_codes: [
        {
          id: qrId,
          expiration_date: brasilia(expiration ?? new Date(now.getTime() + 86_400_000)),
          amount: { value },
          text: this.brCode(qrId),
          arrangements: arrangements as string[],
          links: [
            this.link('QRCODE.PNG', `/qrcode/${qrId}/png`, 'image/png', 'GET'),
            this.link('QRCODE.BASE64', `/qrcode/${qrId}/base64`, 'text/plain', 'GET'),
          ],
        },
      ],
      charges: [],
      notification_urls: urls as string[],
      links: [this.link('SELF', `/orders/${id}`, 'application/json', 'GET')],
    };
    this.orders.set(id, order);
    this.orderOfQr.set(qrId, id);
    return order;
  }

  getOrder(id: string): Order {
    const order = this.orders.get(id);
    if (!order) throw notFound(`order ${id}`);
    return order;
  }

  /** The latest order with this `reference_id` (PagBank does not make them unique; Tillgate sends its order id). */
  orderByReference(referenceId: string): Order {
    const found = [...this.orders.values()].findLast((o) => o.reference_id === referenceId);
    if (!found) throw notFound(`order with reference_id ${referenceId}`);
    return found;
  }

  getCharge(id: string): Charge {
    const charge = this.orderOfCharge(id).charges.find((c) => c.id === id);
    if (!charge) throw notFound(`charge ${id}`);
    return charge;
  }

  orderOfCharge(chargeId: string): Order {
    const order = this.orders.get(this.orderIdOfCharge.get(chargeId) ?? '');
    if (!order) throw notFound(`charge ${chargeId}`);
    return order;
  }

  /** The order whose QR points at this location (a payer's app reading the BR Code). */
  orderAt(location: string): Order {
    const qrId = /\/pix\/v2\/(QRCO_[0-9A-F-]+)$/.exec(location)?.[1];
    return this.getOrder(this.orderOfQr.get(qrId ?? '') ?? '');
  }

  /** A payer pays the order's QR; a QR takes one payment only. Paying after `expiration_date` is allowed, so late payments can be played. */
  pay(orderId: string, options: PayOptions = {}): Order {
    return this.attempt(orderId, 'PAID', options);
  }

  /** A payer's attempt that PagBank declines: nothing moves, the QR stays payable. */
  decline(orderId: string): Order {
    return this.attempt(orderId, 'DECLINED', {});
  }

  /** `POST /charges/{id}/cancel`: gives back `amount` (all that is left when absent) of a paid charge. */
  cancelCharge(id: string, body: unknown): Charge {
    const charge = this.getCharge(id);
    if (charge.status !== 'PAID')
      throw invalid('charge_id', `charge is ${charge.status}, only PAID charges are cancelled`);
    const summary = charge.amount.summary;
    const left = summary.paid - summary.refunded;
    const requested = (body as { amount?: { value?: unknown } } | undefined)?.amount?.value;
    const amount = requested === undefined ? left : centavos(requested, 'amount.value');
    if (amount > left) throw invalid('amount.value', 'amount exceeds what is left to cancel');
    if (this.refusingRefunds.has(id)) throw new PagBankError(409, '40902', 'cancellation refused by the payer account');
    summary.refunded += amount;
    if (summary.refunded === summary.paid) charge.status = 'CANCELED';
    return charge;
  }

  private attempt(orderId: string, status: 'PAID' | 'DECLINED', options: PayOptions): Order {
    const order = this.getOrder(orderId);
    if (order.charges.some((c) => c.status === 'PAID' || c.status === 'CANCELED'))
      throw invalid('qr_code', 'this QR code was already paid');
    const qr = order.qr_codes[0];
    if (!qr) throw missing('qr_codes');
    const value = options.amount ?? qr.amount.value;
    const paid = status === 'PAID' ? value : 0;
    const now = brasilia(this.options.now());
    const id = `CHAR_${uuid()}`;
    order.charges.push({
      id,
      reference_id: order.reference_id,
      status,
      created_at: now,
      ...(status === 'PAID' ? { paid_at: now } : {}),
      description: order.items[0]?.name ?? order.reference_id,
      amount: { value, currency: 'BRL', summary: { total: value, paid, refunded: 0 } },
      payment_response:
        status === 'PAID' ? { code: '20000', message: 'SUCESSO' } : { code: '20007', message: 'NAO AUTORIZADA' },
      payment_method: { type: 'PIX' },
      links: [this.link('CHARGE.CANCEL', `/charges/${id}/cancel`, 'application/json', 'POST')],
    });
    this.orderIdOfCharge.set(id, order.id);
    if (options.refunds === 'fail') this.refusingRefunds.add(id);
    return order;
  }

  private brCode(qrId: string): string {
    return encodeBRCode({
      kind: 'dynamic',
      usage: 'single-use',
      location: `${this.options.host()}/pix/v2/${qrId}`,
      merchantName: this.options.merchantName,
      merchantCity: this.options.merchantCity,
    });
  }

  private link(rel: string, path: string, media: string, type: 'GET' | 'POST'): Link {
    return { rel, href: `http://${this.options.host()}${path}`, media, type };
  }
}

const uuid = () => randomUUID().toUpperCase();

/** An instant as PagBank writes it: `2026-12-01T10:15:00.000-03:00`. */
export const brasilia = (at: Date): string =>
  `${new Date(at.getTime() - 3 * 3_600_000).toISOString().slice(0, -1)}-03:00`;

function instant(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value))
    return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

function text(value: unknown, name: string, max: number): string {
  if (value === undefined) throw missing(name);
  if (typeof value !== 'string' || value.length === 0 || value.length > max) throw invalid(name);
  return value;
}

function list(value: unknown, name: string): unknown[] {
  if (value === undefined) throw missing(name);
  if (!Array.isArray(value) || value.length === 0) throw invalid(name);
  return value;
}

function centavos(value: unknown, name: string): number {
  if (value === undefined) throw missing(name);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw invalid(name);
  return value;
}

function orderItem(value: unknown, name: string): Order['items'][number] {
  const item = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const quantity = item.quantity;
  if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 1)
    throw invalid(`${name}.quantity`);
  const unitAmount = item.unit_amount;
  if (typeof unitAmount !== 'number' || !Number.isSafeInteger(unitAmount) || unitAmount < 0)
    throw invalid(`${name}.unit_amount`);
  return {
    ...(item.reference_id === undefined ? {} : { reference_id: text(item.reference_id, `${name}.reference_id`, 64) }),
    name: text(item.name, `${name}.name`, 64),
    quantity,
    unit_amount: unitAmount,
  };
}
