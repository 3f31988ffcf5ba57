import { randomUUID } from 'node:crypto';
import { invalid, notFound } from './errors.js';

/** Ame's statuses of orders, payments ("transactions") and refunds. */
export type AmeStatus = 'CREATED' | 'AUTHORIZED' | 'SUCCESS' | 'CANCELED' | 'REFUNDED' | 'DENIED' | 'HOLD' | 'ERROR';

export interface AmeItem {
  description: string;
  quantity: number;
  amount: number;
}

export interface AmeRefund {
  id: string;
  amount: number;
  status: AmeStatus;
  date: string;
}

/** A payment as Ame shows it: in callbacks, capture answers and order reads. */
export interface AmeTransaction {
  id: string;
  date: string;
  operationType: 'DEBIT';
  name: string;
  title: string;
  description: string;
  status: AmeStatus;
  type: 'AUTHORIZATION';
  cashType: 'CASH';
  currency: 'BRL';
  amount: number;
  amountRefunded: number;
  attributes: { orderId: string; transactionChangedCallbackUrl: string; payOnce: boolean };
  peer: { id: string; name: string; document: string; type: 'CUSTOMER' };
  refunds: AmeRefund[];
}

export interface AmeOrder {
  id: string;
  ttl: string;
  title: string;
  description: string;
  type: 'PAYMENT';
  currency: 'BRL';
  amount: number;
  status: AmeStatus;
  attributes: {
    cashbackAmountValue: number;
    transactionChangedCallbackUrl: string;
    paymentOnce: boolean;
    items: AmeItem[];
    customPayload?: Record<string, unknown>;
  };
  qrCodeLink: string;
  deepLink: string;
  transactions: AmeTransaction[];
}

export interface AmeLedgerOptions {
  /** Where the emulator answers, for the QR links it hands out. */
  baseUrl: () => string;
  now: () => Date;
  /** How long an order can be paid, written as its `ttl`; Ame's own default is not documented. */
  orderTtlMs?: number;
}

/** What a payer does to an order (the emulator's `pay` control). */
export interface PayOptions {
  /** Another amount than the order's (a wrong amount). */
  amount?: number;
  /** Ame refuses the payment: the payment is DENIED. */
  deny?: boolean;
  /** Refunds of this payment are refused (DENIED). */
  refunds?: 'fail';
}

/**
 * What Ame holds: orders, their payments, the payments' refunds, and every capture it applied. It
 * applies Ame's rules (amounts in integer centavos, one payment per order, capture only what is held,
 * refunds by the caller's id, their sum at most the payment); the HTTP layer only translates.
 */
export class AmeLedger {
  private readonly orders = new Map<string, AmeOrder>();
  private readonly transactions = new Map<string, AmeTransaction>();
  private readonly failingRefunds = new Set<string>();
  /** Captures that moved a payment from AUTHORIZED to SUCCESS: at most one per payment. */
  captures = 0;
  /** Capture requests, applied or refused. */
  captureAttempts = 0;

  constructor(private readonly options: AmeLedgerOptions) {}

  createOrder(body: unknown): AmeOrder {
    const b = (body ?? {}) as Record<string, unknown>;
    const attributes = (b.attributes ?? {}) as Record<string, unknown>;
    const amount = b.amount;
    if (!isCentavos(amount) || amount === 0) throw invalid('amount must be a positive integer amount in cents');
    if (typeof b.description !== 'string' && typeof b.title !== 'string') throw invalid('description is required');
    if (b.type !== undefined && b.type !== 'PAYMENT') throw invalid('type must be PAYMENT');
    if (b.currency !== undefined && b.currency !== 'BRL') throw invalid('currency must be BRL');
    const callback = attributes.transactionChangedCallbackUrl;
    if (typeof callback !== 'string' || !URL.canParse(callback))
      throw invalid('attributes.transactionChangedCallbackUrl is required');
    const cashback = attributes.cashbackAmountValue ?? 0;
    if (!isCentavos(cashback)) throw invalid('attributes.cashbackAmountValue must be an integer amount in cents');
    const items = readItems(attributes.items);
    const id = randomUUID();
    const order: AmeOrder = {
      id,
      ttl: new Date(this.options.now().getTime() + (this.options.orderTtlMs ?? 86_400_000)).toISOString(),
      title: typeof b.title === 'string' ? b.title : '',
      description: typeof b.description === 'string' ? b.description : '',
      type: 'PAYMENT',
      currency: 'BRL',
      amount,
      status: 'CREATED',
      attributes: {
        cashbackAmountValue: cashback,
        transactionChangedCallbackUrl: callback,
        paymentOnce: attributes.paymentOnce !== false,
        items,
        ...(isRecord(attributes.customPayload) ? { customPayload: attributes.customPayload } : {}),
      },
      qrCodeLink: `${this.options.baseUrl()}/qrcode/${id}`,
      deepLink: `ame://pay?orderId=${id}`,
      transactions: [],
    };
    this.orders.set(id, order);
    return order;
  }

  getOrder(id: string): AmeOrder {
    const order = this.orders.get(id);
    if (!order) throw notFound(`Order ${id} not found`);
    return order;
  }

  /** The order whose `customPayload` has `key: value` (the seller's own reference), as Ame's back office finds it. */
  findOrder(key: string, value: unknown): AmeOrder | undefined {
    for (const order of this.orders.values()) if (order.attributes.customPayload?.[key] === value) return order;
    return undefined;
  }

  /** `DELETE /orders/{id}`: only an order nobody paid can go. */
  deleteOrder(id: string): AmeOrder {
    const order = this.getOrder(id);
    if (order.transactions.some((t) => t.status !== 'DENIED' && t.status !== 'CANCELED'))
      throw invalid('Order has a payment: cancel or refund the payment instead', 'invalid_operation');
    order.status = 'CANCELED';
    return order;
  }

  /** A payer authorizes the order in the Ame app: the balance is held until the seller captures it. */
  pay(orderId: string, options: PayOptions = {}): AmeTransaction {
    const order = this.getOrder(orderId);
    if (order.status === 'CANCELED') throw invalid('Order was canceled', 'invalid_operation');
    if (order.attributes.paymentOnce && order.transactions.some((t) => t.status !== 'DENIED'))
      throw invalid('Order can be paid only once', 'invalid_operation');
    const amount = options.amount ?? order.amount;
    if (!isCentavos(amount) || amount === 0) throw invalid('amount must be a positive integer amount in cents');
    const transaction: AmeTransaction = {
      id: randomUUID(),
      date: this.options.now().toISOString(),
      operationType: 'DEBIT',
      name: 'Pagamento Ame (emulado)',
      title: order.title,
      description: order.description,
      status: options.deny ? 'DENIED' : 'AUTHORIZED',
      type: 'AUTHORIZATION',
      cashType: 'CASH',
      currency: 'BRL',
      amount,
      amountRefunded: 0,
      attributes: {
        orderId,
        transactionChangedCallbackUrl: order.attributes.transactionChangedCallbackUrl,
        payOnce: order.attributes.paymentOnce,
      },
      peer: { id: randomUUID(), name: 'Cliente Ame Emulado', document: '12345678909', type: 'CUSTOMER' },
      refunds: [],
    };
    order.transactions.push(transaction);
    if (!options.deny) order.status = 'AUTHORIZED';
    this.transactions.set(transaction.id, transaction);
    if (options.refunds === 'fail') this.failingRefunds.add(transaction.id);
    return transaction;
  }

  getTransaction(id: string): AmeTransaction {
    const transaction = this.transactions.get(id);
    if (!transaction) throw notFound(`Payment ${id} not found`);
    return transaction;
  }

  /** The seller confirms a held payment. Only an AUTHORIZED one: a second capture is refused. */
  capture(id: string): AmeTransaction {
    this.captureAttempts++;
    const transaction = this.getTransaction(id);
    if (transaction.status !== 'AUTHORIZED')
      throw invalid(`Payment is ${transaction.status}, only AUTHORIZED payments can be captured`, 'invalid_operation');
    transaction.status = 'SUCCESS';
    this.captures++;
    this.orderOf(transaction).status = 'SUCCESS';
    return transaction;
  }

  /** The seller gives up a held payment: the payer's balance is released. A repeat answers the same. */
  cancel(id: string): AmeTransaction {
    const transaction = this.getTransaction(id);
    if (transaction.status === 'CANCELED') return transaction;
    if (transaction.status !== 'AUTHORIZED')
      throw invalid(`Payment is ${transaction.status}, only AUTHORIZED payments can be canceled`, 'invalid_operation');
    transaction.status = 'CANCELED';
    this.orderOf(transaction).status = 'CANCELED';
    return transaction;
  }

  /**
   * `PUT /wallet/user/payments/{id}/refunds/{refundId}`: the caller's id names the refund, so a repeat
   * answers the refund already there. Several partials, their sum at most the captured payment.
   */
  refund(id: string, refundId: string, body: unknown): AmeRefund {
    const transaction = this.getTransaction(id);
    const amount = (body as { amount?: unknown } | null)?.amount;
    if (!isCentavos(amount) || amount === 0) throw invalid('amount must be a positive integer amount in cents');
    const existing = transaction.refunds.find((r) => r.id === refundId);
    if (existing) {
      if (existing.amount !== amount) throw invalid(`Refund ${refundId} exists with another amount`, 'conflict');
      return existing;
    }
    if (!['SUCCESS', 'REFUNDED', 'HOLD'].includes(transaction.status))
      throw invalid(`Payment is ${transaction.status}, only captured payments can be refunded`, 'invalid_operation');
    const refunded = transaction.refunds.filter((r) => r.status !== 'DENIED').reduce((sum, r) => sum + r.amount, 0);
    if (refunded + amount > transaction.amount)
      throw invalid('The refunds would exceed the payment amount', 'refund_amount_exceeded');
    const refund: AmeRefund = {
      id: refundId,
      amount,
      status: this.failingRefunds.has(id) ? 'DENIED' : 'HOLD',
      date: this.options.now().toISOString(),
    };
    transaction.refunds.push(refund);
    return refund;
  }

  /** The banks answer a refund still on HOLD: returned, or refused when the payment was made to fail refunds. */
  settleRefund(id: string, refundId: string): AmeTransaction {
    const transaction = this.getTransaction(id);
    const refund = transaction.refunds.find((r) => r.id === refundId);
    if (!refund) throw notFound(`Refund ${refundId} not found`);
    if (refund.status !== 'HOLD') return transaction;
    refund.status = 'REFUNDED';
    transaction.amountRefunded += refund.amount;
    if (transaction.amountRefunded === transaction.amount) {
      transaction.status = 'REFUNDED';
      this.orderOf(transaction).status = 'REFUNDED';
    }
    return transaction;
  }

  private orderOf(transaction: AmeTransaction): AmeOrder {
    return this.getOrder(transaction.attributes.orderId);
  }
}

const isCentavos = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readItems(items: unknown): AmeItem[] {
  if (items === undefined) return [];
  if (!Array.isArray(items)) throw invalid('attributes.items must be a list');
  return items.map((item, i) => {
    const { description, quantity, amount } = (item ?? {}) as Record<string, unknown>;
    if (typeof description !== 'string' || !isCentavos(quantity) || !isCentavos(amount))
      throw invalid(`attributes.items[${i}] needs description, quantity and amount in cents`);
    return { description, quantity, amount };
  });
}
