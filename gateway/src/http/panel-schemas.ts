import { ENVIRONMENTS } from '@tillgate/sdk/protocol';
import { z } from 'zod';
import { printable, queryInt } from './schemas.js';

/** The schemas of the panel's accounts, session and team endpoints (gateway/web/README.md). */

const email = z.email().max(254);
const password = z.string().min(10, 'must be at least 10 characters').max(200);
const role = z.enum(['admin', 'manager', 'clerk']);
const storeIds = z
  .array(z.string().max(64))
  .max(500)
  .nullable()
  .meta({ description: 'The stores the user is limited to; null: every store' });
const token = z.string().min(1).max(200);

export const signUpBody = z.strictObject({
  merchant_name: printable(200),
  cnpj: z.string().max(32).meta({ description: '14 digits or 12.345.678/0001-95, with valid check digits' }),
  email,
  password,
  name: printable(200).optional(),
});
export const tokenBody = z.strictObject({ token });
export const logInBody = z.strictObject({ email: z.string().max(254), password: z.string().max(200) });
export const resetRequestBody = z.strictObject({ email: z.string().max(254) });
export const resetConfirmBody = z.strictObject({ token, password });
export const acceptInvitationBody = z.strictObject({ token, name: printable(200), password });
export const environmentBody = z.strictObject({ environment: z.enum(ENVIRONMENTS) });
export const termsBody = z.strictObject({ accept: z.literal(true) });
export const documentQuery = z.strictObject({ name: printable(200) });
export const inviteBody = z.strictObject({ email, role, store_ids: storeIds.optional() });
export const updateUserBody = z.strictObject({ role: role.optional(), store_ids: storeIds.optional() });
export const listUsersQuery = z.strictObject({
  limit: queryInt(1, 200).default(100),
  cursor: z.string().max(64).optional(),
});

export const signUpSchema = z.object({ merchant_id: z.string(), email: z.string() });
export const invitationSchema = z.object({
  merchant_name: z.string(),
  email: z.string(),
  role: role.meta({ description: 'The role the user gets on accepting, as it is now' }),
});
export const sessionSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), role, store_ids: storeIds }),
  merchant: z.object({ id: z.string(), name: z.string(), cnpj: z.string().nullable(), timezone: z.string() }),
  environment: z.enum(ENVIRONMENTS),
  csrf_token: z.string(),
  onboarding: z.object({
    activated: z.boolean(),
    terms_accepted: z.boolean(),
    documents: z.int(),
    done: z.boolean(),
  }),
});
export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role,
  store_ids: storeIds,
  status: z.enum(['invited', 'active']),
  created_at: z.string(),
});
export const documentSchema = z.object({
  id: z.string(),
  name: z.string(),
  content_type: z.string(),
  size: z.int(),
  created_at: z.string(),
});
export const outboxSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      to: z.string(),
      subject: z.string(),
      text: z.string(),
      links: z.array(z.string()),
      created_at: z.string(),
    }),
  ),
});
