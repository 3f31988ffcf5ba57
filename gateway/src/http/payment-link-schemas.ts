import { PAYMENT_LINK_STATUSES, WALLETS } from '@tillgate/sdk/protocol';
import { z } from 'zod';
import { MAX_AMOUNT } from '../domain/money.js';
import { MAX_EXPIRES_IN, MIN_EXPIRES_IN } from '../domain/payment-link.js';
import { isoDate, printable, queryInt, timestamp } from './schemas.js';

/** Schemas of the payment-link endpoints and of the hosted page's public API. */

export const createPaymentLinkBody = z.strictObject({
  store_id: z.string().max(64),
  amount: z.int().min(1).max(MAX_AMOUNT).meta({ description: 'Integer centavos (4590 is R$ 45,90)' }),
  currency: z.literal('BRL').default('BRL'),
  order_ref: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9]*$/, 'must be letters and digits only')
    .optional()
    .meta({ description: 'With several recipients each link gets it plus -001, -002, …; a store may require it' }),
  emails: z
    .union([z.string().max(60_000), z.array(z.string().max(254)).max(5000)])
    .meta({ description: 'One link per recipient: addresses separated by `;`, or a list' }),
  buyer_ref: printable(64).optional(),
  bcc: z
    .strictObject({
      store_manager: z.boolean().optional(),
      me: z.boolean().optional(),
      other: z.email().max(254).optional(),
    })
    .optional(),
  message: printable(2000).optional(),
  template: z
    .string()
    .min(1)
    .max(10_000)
    .optional()
    .meta({ description: 'The email text with {amount} {reference} {link} {expires_at} {store} {buyer_ref}' }),
  expires_in: z
    .int()
    .min(MIN_EXPIRES_IN)
    .max(MAX_EXPIRES_IN)
    .optional()
    .meta({ description: 'Seconds the link is valid: one hour to 60 days, 7 days by default' }),
  wallets: z.array(z.enum(WALLETS)).min(1).max(WALLETS.length).optional(),
});

export const listPaymentLinksQuery = z.strictObject({
  status: z.enum(PAYMENT_LINK_STATUSES).optional(),
  store_id: z.string().max(64).optional(),
  order_ref: z
    .string()
    .max(70)
    .regex(/^[A-Za-z0-9-]+$/)
    .optional(),
  created_from: isoDate.optional(),
  created_to: isoDate.optional(),
  limit: queryInt(1, 200).default(50),
  cursor: z.string().max(200).optional(),
});

export const paymentLinkSchema = z.object({
  id: z.string(),
  url: z.string(),
  store_id: z.string(),
  environment: z.enum(['test', 'live']),
  order_ref: z.string(),
  email: z.string(),
  buyer_ref: z.string().nullable(),
  amount: z.int(),
  currency: z.literal('BRL'),
  message: z.string().nullable(),
  wallets: z.array(z.enum(WALLETS)).nullable(),
  status: z.enum(PAYMENT_LINK_STATUSES),
  mail_status: z.enum(['queued', 'sent', 'failed']),
  expires_at: timestamp,
  created_at: timestamp,
  opened_at: timestamp.nullable(),
  paid_at: timestamp.nullable(),
  order_id: z.string().nullable(),
});

export const payOrderBody = z.strictObject({ wallet: z.enum(WALLETS) });

const payPageOrder = z.object({
  id: z.string(),
  status: z.string(),
  wallet: z.enum(WALLETS),
  qr_code_text: z.string(),
  expires_at: timestamp,
  client_secret: z.string(),
  paid_at: timestamp.nullable(),
  provider_payment_id: z.string().nullable(),
});

export const payPageSchema = z.object({
  merchant: z.string(),
  store: z.string(),
  environment: z.enum(['test', 'live']),
  order_ref: z.string(),
  buyer_ref: z.string().nullable(),
  amount: z.int(),
  message: z.string().nullable(),
  status: z.enum(PAYMENT_LINK_STATUSES),
  expires_at: timestamp,
  wallets: z.array(z.enum(WALLETS)),
  order: payPageOrder.nullable(),
});
