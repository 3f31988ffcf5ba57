import {
  CANCEL_REASONS,
  type CreateOrderRequest,
  ENVIRONMENTS,
  ERROR_CODES,
  EVENT_TYPES,
  FIELD_ERROR_CODES,
  LATE_PAYMENT_REASONS,
  ORDER_STATUSES,
  type Order,
  type OrderSummary,
  REFUND_INITIATORS,
  REFUND_NATURES,
  REFUND_STATUSES,
  type Refund,
  type TokenPair,
  WALLETS,
  type WalletOption,
  WEBHOOK_EVENT_TYPES,
} from '@tillgate/sdk/protocol';
import { z } from 'zod';
import { MAX_AMOUNT } from '../domain/money.js';

/** The schemas requests are validated with and the OpenAPI document is generated from. */

const centavos = z.int().min(1).max(MAX_AMOUNT).meta({ description: 'Integer centavos (1990 is R$ 19,90)' });
export const printable = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters');
export const timestamp = z.iso.datetime().meta({ description: 'RFC 3339 UTC' });

/**
 * Every number in a query string: plain decimal digits, nothing else. Coercing with `Number` would
 * take an empty value as 0 and `0x10`, `1e3` or ` 7` as numbers nobody wrote.
 */
export const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,16}$/, 'must be a whole number written in decimal digits')
    .transform(Number)
    .pipe(z.int().min(min).max(max));

export const tillCredentialsBody = z.strictObject({
  access_key: printable(200),
  secret_key: printable(200),
  client_id: printable(200),
});
export const appCredentialsBody = z.strictObject({ app_name: printable(200), app_secret: printable(200) });

export const orderItem = z.strictObject({
  title: printable(200),
  quantity: z.int().min(1).max(1000),
  unit_amount: z.int().min(0).max(MAX_AMOUNT),
  sku: printable(64).optional(),
});

export const createOrderBody = z.strictObject({
  order_ref: printable(64).meta({
    description: "The till's own reference; a new order with the same one replaces a pending order",
  }),
  wallet: z.enum(WALLETS),
  amount: centavos,
  till_id: z
    .string()
    .max(64)
    .optional()
    .meta({ description: 'Required with an app token; a till token uses its own till' }),
  items: z.array(orderItem).max(200).optional(),
  buyer: z
    .strictObject({
      name: printable(200).optional(),
      cpf_cnpj: z
        .string()
        .regex(/^(\d{11}|\d{14})$/, 'must be 11 (CPF) or 14 (CNPJ) digits')
        .optional(),
      email: z.email().max(254).optional(),
    })
    .optional(),
  expires_in: z
    .int()
    .min(60)
    .max(3600)
    .default(3600)
    .meta({ description: 'Seconds until the order expires; at most one hour' }),
  callback_url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  metadata: z
    .record(z.string().min(1).max(40), z.string().max(500))
    .refine((m) => Object.keys(m).length <= 50, 'at most 50 keys')
    .optional(),
});

/** Whether two types are the same, each assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The schema accepts exactly the protocol's `CreateOrderRequest`: the wire type exists once, checked at compile time. */
export const CREATE_ORDER_BODY_IS_THE_PROTOCOL: Same<z.input<typeof createOrderBody>, CreateOrderRequest> = true;

export const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const amountFilter = queryInt(0, MAX_AMOUNT);

/** The filters of `GET /v1/orders`, which its totals (`GET /v1/orders/summary`) take too. */
export const orderFilterQuery = z.strictObject({
  status: z.enum(ORDER_STATUSES).optional(),
  wallet: z.enum(WALLETS).optional(),
  provider: z.string().max(64).optional(),
  store_id: z.string().max(64).optional(),
  till_id: z.string().max(64).optional(),
  amount_min: amountFilter.optional(),
  amount_max: amountFilter.optional(),
  created_from: isoDate.optional(),
  created_to: isoDate.optional(),
  q: z.string().min(1).max(64).optional(),
});

export const listOrdersQuery = orderFilterQuery.extend({
  limit: queryInt(1, 100).default(20),
  cursor: z.string().max(200).optional(),
});

export const createRefundBody = z.strictObject({
  amount: centavos.optional().meta({ description: 'Omit to refund everything still refundable' }),
  reason: printable(200).optional(),
});

export const sandboxPayBody = z.strictObject({
  amount: centavos.optional().meta({ description: "What the payer pays; defaults to the order's amount" }),
  refund_outcome: z
    .enum(['succeed', 'fail'])
    .default('succeed')
    .meta({ description: 'How refunds of this payment end' }),
});

export const listEventsQuery = z.strictObject({
  after_seq: queryInt(0, Number.MAX_SAFE_INTEGER).default(0),
  type: z.enum(EVENT_TYPES).optional(),
  limit: queryInt(1, 500).default(100),
});

export const qrQuery = z.strictObject({
  size: queryInt(64, 2048).default(512),
  client_secret: z
    .string()
    .max(300)
    .optional()
    .meta({ description: "The order's client secret, for an <img src> that cannot send a header" }),
});

// Responses: typed against the SDK's protocol types so the document cannot drift from the wire.

const payment = z.object({
  provider_payment_id: z.string(),
  paid_amount: z.int(),
  paid_at: timestamp,
  payer: z.object({ name: z.string().optional(), document_masked: z.string().optional() }),
});

export const orderSchema: z.ZodType<Order> = z.object({
  id: z.string(),
  order_ref: z.string(),
  status: z.enum(ORDER_STATUSES),
  wallet: z.enum(WALLETS),
  provider: z.string(),
  amount: z.int(),
  refunded_amount: z.int(),
  store_id: z.string(),
  till_id: z.string(),
  environment: z.enum(ENVIRONMENTS),
  qr_code_text: z.string().meta({ description: 'The BR Code (Pix copia e cola) or wallet QR payload' }),
  deep_link: z.string().nullable(),
  client_secret: z.string().meta({ description: 'Lets a browser read and watch this one order' }),
  items: z.array(z.object({ title: z.string(), quantity: z.int(), unit_amount: z.int(), sku: z.string().optional() })),
  buyer: z
    .object({ name: z.string().optional(), cpf_cnpj: z.string().optional(), email: z.string().optional() })
    .nullable(),
  metadata: z.record(z.string(), z.string()),
  callback_url: z.string().nullable(),
  created_at: timestamp,
  expires_at: timestamp,
  paid_at: timestamp.nullable(),
  payment: payment.nullable(),
  late_payment: payment.extend({ reason: z.enum(LATE_PAYMENT_REASONS), refund_id: z.string() }).nullable(),
  cancel_reason: z.enum(CANCEL_REASONS).nullable(),
});

const statusTotals = z.object({ count: z.int(), amount: z.int() });
const walletTotals = z.object({
  count: z.int(),
  paid_amount: z.int(),
  refunded_amount: z.int(),
  net_amount: z.int(),
});

export const orderSummarySchema: z.ZodType<OrderSummary> = z.object({
  count: z.int(),
  amount: z.int().meta({ description: 'What the matching orders asked for, in centavos' }),
  paid_amount: z.int().meta({ description: 'What was paid on them (approved, partially refunded, refunded)' }),
  refunded_amount: z.int(),
  net_amount: z.int().meta({ description: 'paid_amount − refunded_amount' }),
  by_status: z.partialRecord(z.enum(ORDER_STATUSES), statusTotals),
  by_wallet: z.partialRecord(z.enum(WALLETS), walletTotals),
});

export const refundSchema: z.ZodType<Refund> = z.object({
  id: z.string(),
  order_id: z.string(),
  amount: z.int(),
  reason: z.string().nullable(),
  status: z.enum(REFUND_STATUSES),
  failure_reason: z.string().nullable(),
  automatic: z.boolean(),
  initiated_by: z.enum(REFUND_INITIATORS).meta({
    description: '`payer_bank`: the payer’s bank took the money back (Pix MED); the merchant did not ask for it',
  }),
  natureza: z
    .enum(REFUND_NATURES)
    .nullable()
    .meta({ description: 'The Pix devolução’s nature when the provider told it (e.g. `MED_FRAUDE`)' }),
  created_at: timestamp,
  settled_at: timestamp.nullable(),
});

export const tokenPairSchema: z.ZodType<TokenPair> = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.int(),
  refresh_token: z.string(),
  refresh_expires_in: z.int(),
});

export const walletOptionSchema: z.ZodType<WalletOption> = z.object({
  wallet: z.enum(WALLETS),
  display_name: z.string(),
  logo_url: z.string(),
  provider: z.string(),
});

export const eventSchema = z.object({
  id: z.string(),
  seq: z.int(),
  type: z.enum(EVENT_TYPES),
  created_at: timestamp,
  environment: z.enum(ENVIRONMENTS),
  data: z.object({ order: orderSchema, refund: refundSchema.optional() }),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable() });

export const problemSchema = z.object({
  type: z.string(),
  code: z.enum(ERROR_CODES as [string, ...string[]]),
  title: z.string(),
  status: z.int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), code: z.enum(FIELD_ERROR_CODES), message: z.string() })).optional(),
  request_id: z.string().optional(),
});

export const createWebhookEndpointBody = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length),
});

export const webhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  status: z.enum(['active', 'disabled']),
  created_at: timestamp,
  secret: z.string().optional().meta({ description: 'Only in the answer that created the endpoint' }),
});

const webhookAttemptSchema = z.object({
  attempt: z.int(),
  attempted_at: timestamp,
  status_code: z.int().nullable(),
  error: z.string().nullable(),
  duration_ms: z.int(),
});

export const webhookDeliverySchema = z.object({
  id: z.string(),
  endpoint_id: z.string().nullable(),
  url: z.string(),
  event_id: z.string(),
  event_seq: z.int(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.int(),
  next_attempt_at: timestamp.nullable(),
  last_status_code: z.int().nullable(),
  last_error: z.string().nullable(),
  created_at: timestamp,
  delivered_at: timestamp.nullable(),
  attempt_log: z.array(webhookAttemptSchema).optional(),
});

export const listDeliveriesQuery = z.strictObject({
  endpoint_id: z.string().max(64).optional(),
  status: z.enum(['pending', 'succeeded', 'failed']).optional(),
  limit: queryInt(1, 100).default(20),
  cursor: z.string().max(200).optional(),
});
