import { randomBytes } from 'node:crypto';

/** Every status PicPay's e-commerce API 3.0 reports (`analysis` and `completed` are the legacy API's). */
export type PicPayStatus = 'created' | 'expired' | 'authorized' | 'paid' | 'refunded' | 'chargeback';

/** An order at PicPay, amounts in centavos (the wire has reais). */
export interface PicPayOrder {
  referenceId: string;
  callbackUrl: string;
  value: number;
  expiresAt: string;
  paymentUrl: string;
  status: PicPayStatus;
  authorizationId?: string;
  authorized: number;
  paid: number;
  refunded: number;
  /** The payer's account refuses refunds (played by `pay({ refunds: 'fail' })`). */
  refundsFail: boolean;
  buyer: Record<string, unknown>;
}

/** A 4xx PicPay answers: `{ message, errors?: [{ field, message }] }`. */
export class PicPayError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Array<{ field: string; message: string }>,
  ) {
    super(message);
  }

  get body(): Record<string, unknown> {
    return { message: this.message, ...(this.errors ? { errors: this.errors } : {}) };
  }
}

const VALIDATION = 'Algumas propriedades não passaram no teste de validação.';
const invalid = (field: string, message: string) => new PicPayError(422, VALIDATION, [{ field, message }]);

/** Reais as a JSON number (`20.51`), exactly, or undefined: more than two decimals is no amount. */
export function centavosOf(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(value));
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : undefined;
}

/** Centavos as PicPay writes reais: a JSON number. */
export const reaisOf = (centavos: number): number =>
  Number(`${Math.floor(centavos / 100)}.${String(centavos % 100).padStart(2, '0')}`);

/** PicPay's state and rules: one order per `referenceId` for ever, one payment per order, refunds up to what was paid. */
export class PicPayLedger {
  private readonly orders = new Map<string, PicPayOrder>();

  constructor(
    /** PicPay's clock, for the default expiry. */
    private readonly now: () => Date = () => new Date(),
    private readonly checkoutBase = 'https://app.picpay.com/checkout',
  ) {}

  create(body: unknown): PicPayOrder {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (typeof b.referenceId !== 'string' || b.referenceId === '')
      throw invalid('referenceId', 'O campo reference id é obrigatório.');
    if (typeof b.callbackUrl !== 'string' || !URL.canParse(b.callbackUrl))
      throw invalid('callbackUrl', 'O campo callback url é obrigatório.');
    const value = centavosOf(b.value);
    if (value === undefined || value <= 0) throw invalid('value', 'O campo value deve ser um valor maior que zero.');
    const buyer = b.buyer as Record<string, unknown> | undefined;
    if (typeof buyer !== 'object' || buyer === null || typeof buyer.document !== 'string')
      throw invalid('buyer.document', 'O campo buyer.document é obrigatório.');
    if (b.expiresAt !== undefined && (typeof b.expiresAt !== 'string' || Number.isNaN(Date.parse(b.expiresAt))))
      throw invalid('expiresAt', 'O campo expires at deve estar no formato ISO 8601.');
    if (this.orders.has(b.referenceId)) throw invalid('referenceId', 'Já existe um pedido com este reference id.');
    const order: PicPayOrder = {
      referenceId: b.referenceId,
      callbackUrl: b.callbackUrl,
      value,
      expiresAt:
        typeof b.expiresAt === 'string' ? b.expiresAt : new Date(this.now().getTime() + 86_400_000).toISOString(),
      paymentUrl: `${this.checkoutBase}/${randomBytes(24).toString('base64url')}`,
      status: 'created',
      authorized: 0,
      paid: 0,
      refunded: 0,
      refundsFail: false,
      buyer,
    };
    this.orders.set(order.referenceId, order);
    return order;
  }

  get(referenceId: string): PicPayOrder {
    const order = this.orders.get(referenceId);
    if (!order) throw new PicPayError(404, 'Pedido não encontrado.');
    return order;
  }

  /** The order whose QR (the checkout link) a payer scanned. */
  atLink(paymentUrl: string): PicPayOrder {
    for (const order of this.orders.values()) if (order.paymentUrl === paymentUrl) return order;
    throw new PicPayError(404, 'Pedido não encontrado.');
  }

  /**
   * A payer pays in the app, by default the order's value. An order that expired (or was cancelled) can
   * be paid too: the payer who authorized as it closed, so the shop's late-payment path can be played.
   */
  pay(referenceId: string, options: { centavos?: number; refunds?: 'fail' } = {}): PicPayOrder {
    const order = this.get(referenceId);
    if (order.status !== 'created' && order.status !== 'expired')
      throw new PicPayError(422, `O pedido está ${order.status} e não pode ser pago.`);
    const amount = options.centavos ?? order.value;
    order.status = 'paid';
    order.authorizationId = randomBytes(12).toString('hex');
    order.authorized = amount;
    order.paid = amount;
    order.refundsFail = options.refunds === 'fail';
    return order;
  }

  /**
   * `POST /payments/{referenceId}/cancellations`: an unpaid order expires; a paid one, named by its
   * `authorizationId`, is refunded in full (the legacy way).
   */
  cancel(referenceId: string, body: unknown): PicPayOrder {
    const order = this.get(referenceId);
    if (order.status === 'created') {
      order.status = 'expired';
      return order;
    }
    return this.refund(referenceId, { authorizationId: authorizationIdOf(body) });
  }

  /** `POST /payments/{referenceId}/refunds`: `amount` (reais) or, absent, all that remains. */
  refund(referenceId: string, body: unknown): PicPayOrder {
    const order = this.get(referenceId);
    if (order.status === 'created' && authorizationIdOf(body) === undefined) {
      order.status = 'expired';
      return order;
    }
    if (order.status === 'expired') throw invalid('referenceId', 'O pedido já expirou ou foi cancelado.');
    if (order.refunded >= order.paid) throw invalid('amount', 'O pagamento já foi totalmente cancelado.');
    if (authorizationIdOf(body) !== order.authorizationId)
      throw invalid('authorizationId', 'O authorization id não corresponde a este pedido.');
    const raw = (body as { amount?: unknown } | null)?.amount;
    const amount = raw === undefined ? order.paid - order.refunded : centavosOf(raw);
    if (amount === undefined || amount <= 0) throw invalid('amount', 'O valor do cancelamento é menor que 0.');
    if (order.refunded + amount > order.paid)
      throw invalid('amount', 'O valor do cancelamento é maior do que o valor total do pagamento.');
    if (order.refundsFail)
      throw new PicPayError(422, 'Não há saldo disponível para o cancelamento.', [
        { field: 'amount', message: 'Saldo insuficiente.' },
      ]);
    order.refunded += amount;
    if (order.refunded === order.paid) order.status = 'refunded';
    return order;
  }
}

function authorizationIdOf(body: unknown): string | undefined {
  const id = (typeof body === 'object' && body !== null ? body : {}) as { authorizationId?: unknown };
  return typeof id.authorizationId === 'string' ? id.authorizationId : undefined;
}

/** The summary PicPay answers with, in reais. */
export const summaryOf = (order: PicPayOrder) => ({
  authorized: reaisOf(order.authorized),
  paid: reaisOf(order.paid),
  refunded: reaisOf(order.refunded),
});
