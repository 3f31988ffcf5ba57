import type { AdapterRegistry } from '../../adapters/registry.js';
import type { CapabilityRefusal, ProviderLimits } from '../../domain/capabilities.js';
import { ApiError } from '../errors.js';

/**
 * Refuses, before the provider is called, what its descriptor says it would refuse (`rule` is one of
 * `chargeRefusal` or `refundRefusal` of `domain/capabilities.ts`, bound to the request).
 */
export function enforceCapabilities(
  adapters: AdapterRegistry,
  adapter: string,
  rule: (limits: ProviderLimits) => CapabilityRefusal | undefined,
): void {
  const limits = adapters.descriptor(adapter)?.capabilities;
  const refused = limits ? rule(limits) : undefined;
  if (refused) throw new ApiError(refused.code, refused.detail, [{ field: refused.field, message: refused.detail }]);
}
