/** What a provider takes, as its descriptor declares it (amounts in centavos). */
export interface ProviderLimits {
  /** Whether less than what was paid can be given back. */
  partialRefunds: boolean;
  /** How many refunds one payment takes in all (a full one included); null when only the amount bounds them. */
  maxRefunds: number | null;
  /** Days after the payment within which the provider still refunds; null when it sets no window. */
  refundWindowDays: number | null;
  /** The smallest charge the provider takes, in centavos. */
  minAmount: number;
  /** The largest charge the provider takes, in centavos; null when it sets none. */
  maxAmount: number | null;
  /** The longest a charge may wait for its payer, in seconds (an order lives one hour at most anyway). */
  maxExpiresInSeconds: number;
}

/** Why a request is refused before the provider is called, in the catalogue's words. */
export interface CapabilityRefusal {
  code:
    | 'refund_not_supported'
    | 'refund_window_closed'
    | 'amount_below_minimum'
    | 'amount_above_maximum'
    | 'validation_failed';
  field: string;
  detail: string;
}

const DAY_MS = 86_400_000;

/** A charge the provider would refuse: an amount outside its bounds, or a wait longer than it keeps a charge. */
export function chargeRefusal(
  limits: ProviderLimits,
  charge: { amount: number; expiresInSeconds: number },
): CapabilityRefusal | undefined {
  if (charge.amount < limits.minAmount)
    return {
      code: 'amount_below_minimum',
      field: 'amount',
      detail: `The provider takes ${limits.minAmount} centavos at least`,
    };
  if (limits.maxAmount !== null && charge.amount > limits.maxAmount)
    return {
      code: 'amount_above_maximum',
      field: 'amount',
      detail: `The provider takes ${limits.maxAmount} centavos at most`,
    };
  if (charge.expiresInSeconds > limits.maxExpiresInSeconds)
    return {
      code: 'validation_failed',
      field: 'expires_in',
      detail: `The provider keeps a charge ${limits.maxExpiresInSeconds} seconds at most`,
    };
  return undefined;
}

/**
 * A refund the provider would refuse: a partial one where it gives back only all, one more than it takes
 * for a payment (`refundsSoFar` counts those not failed), or one past its window from the payment.
 */
export function refundRefusal(
  limits: ProviderLimits,
  refund: { amount: number; paidAmount: number; refundsSoFar: number; paidAt: Date; now: Date },
): CapabilityRefusal | undefined {
  if (!limits.partialRefunds && refund.amount < refund.paidAmount)
    return { code: 'refund_not_supported', field: 'amount', detail: 'The provider refunds only the whole payment' };
  if (limits.maxRefunds !== null && refund.refundsSoFar >= limits.maxRefunds)
    return {
      code: 'refund_not_supported',
      field: 'amount',
      detail: `The provider takes ${limits.maxRefunds} refund(s) of a payment at most, and this one has had them`,
    };
  if (
    limits.refundWindowDays !== null &&
    refund.now.getTime() - refund.paidAt.getTime() > limits.refundWindowDays * DAY_MS
  )
    return {
      code: 'refund_window_closed',
      field: 'amount',
      detail: `The provider refunds within ${limits.refundWindowDays} days of the payment`,
    };
  return undefined;
}
