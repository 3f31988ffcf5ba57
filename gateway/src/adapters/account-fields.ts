import type { Environment } from '@tillgate/sdk/protocol';
import { z } from 'zod';
import { fieldErrors } from '../field-errors.js';
import {
  type AccountFieldCondition,
  AccountFieldError,
  type AccountFieldMeta,
  type ProviderDescriptor,
  type StoredAccount,
} from './descriptor.js';

/** A field's `.meta()`, found through the optional, nullable and default wrappers zod puts around it. */
export function fieldMeta(schema: z.core.$ZodType): AccountFieldMeta | undefined {
  for (let s: z.core.$ZodType | undefined = schema; s; s = (s._zod.def as { innerType?: z.core.$ZodType }).innerType) {
    const meta = z.globalRegistry.get(s);
    if (meta) return meta as unknown as AccountFieldMeta;
  }
  return undefined;
}

/** Each field of a provider's account schema with how it is shown and kept. */
export const accountFields = (
  descriptor: Pick<ProviderDescriptor, 'account'>,
): { name: string; schema: z.core.$ZodType; meta: AccountFieldMeta | undefined }[] =>
  Object.entries(descriptor.account.shape).map(([name, schema]) => ({ name, schema, meta: fieldMeta(schema) }));

/** Whether the other fields make this one required in test (`AccountFieldMeta.requiredInTestFor`). */
function demandedInTest(condition: AccountFieldCondition | undefined, data: Record<string, unknown>): boolean {
  if (!condition) return false;
  if (condition.waivedBy !== undefined && data[condition.waivedBy] !== undefined) return false;
  return condition.values.includes(String(data[condition.field]));
}

/**
 * A new account's fields as the merchant sent them, checked by the provider's own schema (a field it
 * does not know is refused), with the test environment's fields refused in live and the live ones demanded.
 */
export function readAccountFields(
  descriptor: Pick<ProviderDescriptor, 'account'>,
  input: Record<string, unknown>,
  environment: Environment,
): Record<string, unknown> {
  const parsed = z.strictObject(descriptor.account.shape).safeParse(input, { reportInput: true });
  if (!parsed.success) throw new AccountFieldError(fieldErrors(parsed.error), 'The account has invalid fields');
  if (environment === 'test') {
    for (const { name, meta } of accountFields(descriptor)) {
      if (parsed.data[name] === undefined && demandedInTest(meta?.requiredInTestFor, parsed.data))
        throw new AccountFieldError(
          [{ field: name, code: 'required', message: 'is required' }],
          `This account needs ${name} in test too`,
        );
    }
  }
  if (environment === 'live') {
    for (const { name, meta } of accountFields(descriptor)) {
      if (meta?.testOnly && parsed.data[name] !== undefined)
        throw new AccountFieldError(
          [{ field: name, message: 'is for the test environment only' }],
          `${name} is for the test environment only`,
        );
      if (meta?.requiredInLive && parsed.data[name] === undefined)
        throw new AccountFieldError(
          [{ field: name, code: 'required', message: 'is required' }],
          `A live account needs ${name}`,
        );
    }
  }
  return parsed.data;
}

/** How an account's parsed fields are kept: the provider's own way, or each field as it is with the secret ones apart. */
export function storedAccount(
  descriptor: Pick<ProviderDescriptor, 'account' | 'storeAccount'>,
  fields: Record<string, unknown>,
  account: { id: string; environment: Environment },
): StoredAccount {
  if (descriptor.storeAccount) return descriptor.storeAccount(fields, account);
  const secret = new Set(accountFields(descriptor).flatMap((f) => (f.meta?.secret ? [f.name] : [])));
  const config: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields))
    if (value !== undefined) (secret.has(name) ? secrets : config)[name] = value;
  return { config, secrets };
}
