import { ENVIRONMENTS, TILL_QR_MODES, WALLETS } from '@tillgate/sdk/protocol';
import { z } from 'zod';
import { isValidCnpj, normaliseCnpj } from '../domain/cnpj.js';
import { orderSchema, printable, queryInt, timestamp } from './schemas.js';

/** The management API's requests and answers: stores, tills, credentials, apps, provider accounts, board. */

export const listQuery = {
  limit: queryInt(1, 100).default(50),
  cursor: z.string().max(200).optional(),
  include_inactive: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
};

const cnpj = z
  .string()
  .max(18)
  .refine(isValidCnpj, { message: 'is not a valid CNPJ (check digits)', params: { code: 'invalid_cnpj' } })
  .transform(normaliseCnpj)
  .meta({ description: '14 characters, masked or not; kept without the mask' });
const phone = z
  .string()
  .regex(/^\+?[0-9 ()-]{8,20}$/, 'must be a phone number')
  .max(20);

export const createStoreBody = z.strictObject({
  name: printable(120),
  cnpj: cnpj.optional(),
  address: printable(300).optional(),
  phone: phone.optional(),
});

export const patchStoreBody = z.strictObject({
  name: printable(120).optional(),
  cnpj: cnpj.nullable().optional(),
  address: printable(300).nullable().optional(),
  phone: phone.nullable().optional(),
  active: z.boolean().optional(),
  manager_email: z.email().max(254).nullable().optional(),
  order_ref_required: z.boolean().optional(),
});

export const storeSchema = z.object({
  id: z.string(),
  name: z.string(),
  cnpj: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  manager_email: z.string().nullable(),
  order_ref_required: z.boolean(),
  created_at: timestamp,
});

export const credentialSchema = z.object({
  access_key: z.string(),
  environment: z.enum(ENVIRONMENTS),
  created_at: timestamp,
});
export const issuedCredentialSchema = credentialSchema.extend({
  secret_key: z.string().meta({ description: 'Shown in this answer only' }),
});

const category = z.enum(['physical', 'ecommerce']);
const qrMode = z.enum(TILL_QR_MODES).meta({
  description:
    "`dynamic`: each order's own QR; `static`: one printed QR charging the till's current order; `hybrid`: both pay",
});

export const createTillBody = z.strictObject({ store_id: z.string().max(64), name: printable(80), category });
export const patchTillBody = z.strictObject({
  name: printable(80).optional(),
  category: category.optional(),
  active: z.boolean().optional(),
  qr_mode: qrMode.optional(),
});
export const listTillsQuery = z.strictObject({ ...listQuery, store_id: z.string().max(64).optional() });

export const tillSchema = z.object({
  id: z.string(),
  store_id: z.string(),
  client_id: z.string(),
  name: z.string(),
  category,
  active: z.boolean(),
  qr_mode: qrMode,
  created_at: timestamp,
});

export const tillQrQuery = z.strictObject({
  wallet: z.enum(WALLETS).default('pix'),
  size: queryInt(64, 2048).default(512),
});
export const tillQrSchema = z.object({
  mode: qrMode,
  wallet: z.enum(WALLETS),
  qr_code_text: z.string().meta({ description: "The till's printed code: the same for every order" }),
});

export const APP_NAME = /^[a-z0-9][a-z0-9._-]{2,62}$/;
export const createAppBody = z.strictObject({
  app_name: z.string().regex(APP_NAME, 'must be 3 to 63 lower-case letters, digits, dots, dashes or underscores'),
});
export const appSchema = z.object({ app_name: z.string(), environment: z.enum(ENVIRONMENTS), created_at: timestamp });
export const issuedAppSchema = appSchema.extend({ app_secret: z.string().meta({ description: 'Shown once' }) });

/**
 * The fields beside `kind`, `provider` and `name` are the provider's own (`GET /v1/providers`), checked by
 * its descriptor: a bank's Pix account by pix-bcb's (`provider` is the bank), a wallet's by the adapter that
 * takes the wallet; in the test environment the sandbox takes `provider: "sandbox"` and any wallet without one.
 */
export const createProviderAccountBody = z.discriminatedUnion('kind', [
  z.looseObject({
    kind: z.literal('pix'),
    provider: z.string().max(40).meta({ description: "The bank: an option of pix-bcb's `profile`, or `sandbox`" }),
    name: printable(80),
  }),
  z.looseObject({
    kind: z.literal('wallet'),
    provider: z.enum(WALLETS.filter((w) => w !== 'pix') as ['mercadopago', 'picpay', 'pagbank', 'ame', 'cielopay']),
    name: printable(80),
  }),
]);

export const associationSchema = z.object({
  id: z.string(),
  wallet: z.enum(WALLETS),
  store_id: z.string().optional(),
  till_id: z.string().optional(),
});

export const associateBody = z.union([
  z.strictObject({ wallet: z.enum(WALLETS), store_id: z.string().max(64) }),
  z.strictObject({ wallet: z.enum(WALLETS), till_id: z.string().max(64) }),
]);

export const providerAccountSchema = z.object({
  id: z.string(),
  kind: z.enum(['pix', 'wallet']),
  provider: z.string(),
  name: z.string(),
  wallets: z.array(z.enum(WALLETS)),
  pix_key: z.string().optional(),
  has_certificate: z.boolean(),
  created_at: timestamp,
  associations: z.array(associationSchema),
  webhook_path: z
    .string()
    .optional()
    .meta({ description: "Only when a bank's Pix account is created: the notification path to register at the bank" }),
});

export const boardSchema = z.object({
  store_id: z.string(),
  seq: z.int().min(0).describe('The event log seq the board was read at: subscribe with `after_seq` set to it'),
  tills: z.array(
    z.object({
      till: tillSchema,
      current_order: orderSchema.nullable(),
      last_activity_at: timestamp.nullable(),
      idle: z.boolean(),
    }),
  ),
  recent_payments: z.array(orderSchema),
});
