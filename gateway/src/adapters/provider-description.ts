import type {
  AccountFieldRequirement,
  AccountFieldType,
  ProviderAccountField,
  ProviderDescription,
} from '@tillgate/sdk/protocol';
import type { z } from 'zod';
import { accountFields } from './account-fields.js';
import type { AccountFieldCondition, ProviderDescriptor } from './descriptor.js';

interface FieldDef {
  type: string;
  format?: string;
  entries?: Record<string, string | number>;
  innerType?: z.core.$ZodType;
  checks?: { _zod: { def: { format?: string; pattern?: RegExp } } }[];
}

/** The field's schema under the optional, nullable and default wrappers. */
function bare(schema: z.core.$ZodType): FieldDef {
  let def = schema._zod.def as FieldDef;
  while (def.innerType) def = def.innerType._zod.def as FieldDef;
  return def;
}

/** How the panel asks for a field, read from its zod type; a string checked for a PEM header is a `pem`. */
function fieldType(def: FieldDef): { type: AccountFieldType; options?: string[] } {
  switch (def.type) {
    case 'enum':
      return { type: 'enum', options: Object.values(def.entries ?? {}).map(String) };
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
      return { type: def.format === 'safeint' || def.format === 'int32' ? 'integer' : 'number' };
    case 'string': {
      if (def.format === 'url') return { type: 'url' };
      const pem = def.checks?.some((c) => c._zod.def.pattern?.source.includes('-----BEGIN'));
      return { type: pem ? 'pem' : 'string' };
    }
    default:
      return { type: 'string' };
  }
}

const conditionOf = (c: AccountFieldCondition): AccountFieldRequirement => ({
  field: c.field,
  values: [...c.values],
  ...(c.waivedBy ? { waived_by: c.waivedBy } : {}),
});

/** An installed provider as `GET /v1/providers` describes it, everything read from its descriptor. */
export function describeProvider(descriptor: ProviderDescriptor): ProviderDescription {
  const c = descriptor.capabilities;
  return {
    id: descriptor.id,
    display_name: descriptor.displayName,
    wallets: [...descriptor.wallets],
    test_only: descriptor.testOnly === true,
    capabilities: {
      partial_refunds: c.partialRefunds,
      max_refunds: c.maxRefunds,
      refund_window_days: c.refundWindowDays,
      min_amount: c.minAmount,
      max_amount: c.maxAmount,
      max_expires_in_seconds: c.maxExpiresInSeconds,
      deep_links: c.deepLinks,
      capture_step: c.captureStep,
      static_qr: c.staticQr,
    },
    account_fields: accountFields(descriptor).map(
      ({ name, schema, meta }): ProviderAccountField => ({
        name,
        ...fieldType(bare(schema)),
        ...(meta?.optionLabels ? { option_labels: meta.optionLabels } : {}),
        label: meta?.label ?? name,
        ...(meta?.help ? { help: meta.help } : {}),
        secret: meta?.secret === true,
        required: schema._zod.optin === undefined,
        required_in_live: meta?.requiredInLive === true,
        test_only: meta?.testOnly === true,
        ...(meta?.requiredInTestFor ? { required_in_test_for: conditionOf(meta.requiredInTestFor) } : {}),
      }),
    ),
  };
}
