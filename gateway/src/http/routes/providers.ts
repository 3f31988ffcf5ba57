import { ACCOUNT_FIELD_TYPES, type ProviderDescription, WALLETS } from '@tillgate/sdk/protocol';
import { z } from 'zod';
import { describeProvider } from '../../adapters/provider-description.js';
import type { AdapterRegistry } from '../../adapters/registry.js';
import { type AnyRoute, defineRoute } from '../route.js';

const accountFieldSchema = z.object({
  name: z.string(),
  type: z.enum(ACCOUNT_FIELD_TYPES),
  options: z.array(z.string()).optional().meta({ description: 'The values an `enum` field takes' }),
  option_labels: z.record(z.string(), z.string()).optional(),
  label: z.string(),
  help: z.string().optional(),
  secret: z.boolean().meta({ description: 'Sealed at rest and never shown back' }),
  required: z.boolean(),
  required_in_live: z.boolean(),
  test_only: z.boolean().meta({ description: 'Refused in live' }),
  required_in_test_for: z
    .object({ field: z.string(), values: z.array(z.string()), waived_by: z.string().optional() })
    .optional()
    .meta({
      description:
        'Needed in test too when `field` takes one of `values` (a bank whose sandbox demands it), unless `waived_by` is given',
    }),
});

const nullableCount = z.int().nullable();

export const providerDescriptionSchema: z.ZodType<ProviderDescription> = z.object({
  id: z.string().meta({ description: "The adapter's id, as provider accounts and the notification route name it" }),
  display_name: z.string(),
  wallets: z.array(z.enum(WALLETS)),
  test_only: z.boolean().meta({ description: 'Takes test accounts only' }),
  capabilities: z.object({
    partial_refunds: z.boolean(),
    max_refunds: nullableCount,
    refund_window_days: nullableCount,
    min_amount: z.int().meta({ description: 'Centavos' }),
    max_amount: nullableCount.meta({ description: 'Centavos' }),
    max_expires_in_seconds: z.int(),
    deep_links: z.boolean(),
    capture_step: z.boolean(),
    static_qr: z.boolean(),
  }),
  account_fields: z.array(accountFieldSchema),
});

export const providerRoutes = (adapters: AdapterRegistry): AnyRoute[] => {
  const described = () => adapters.descriptors().map(describeProvider);
  return [
    defineRoute({
      method: 'get',
      path: '/v1/providers',
      summary:
        'The installed providers: wallets, capabilities, and the fields a provider account takes (the panel builds its form from them)',
      tag: 'Provider accounts',
      auth: 'token',
      responses: {
        200: { description: 'The providers', schema: z.object({ data: z.array(providerDescriptionSchema) }) },
      },
      handle: async () => ({ status: 200, body: { data: described() } }),
    }),
  ];
};
