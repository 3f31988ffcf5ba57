import { BRCodeError, formatReais, type ParsedBRCode, parseBRCode } from '@tillgate/sdk/pix';
import { ProviderRejected } from './types.js';

/** What a provider's BR Code must pay: the order's amount, and the charge location the provider reported, if any. */
export interface OrderBRCodeExpectation {
  /** Who answered, for the error message ('the PSP', 'Cielo'). */
  readonly provider: string;
  /** The order's amount in integer centavos. */
  readonly amount: number;
  /** The location the provider reported for the charge (`loc.location`); the code must point at it. */
  readonly location?: string;
}

/**
 * A BR Code a provider answered for an order, once proved sound and paying that order. The codec reads
 * every code the Manual allows; this decides which of them may be shown for a sale:
 * - it parses (lengths, nesting, CRC): a QR a payer's app would refuse is never shown;
 * - it carries a payment: a Pix Automático code offering only a recurrence pays nothing now, and a
 *   Pix Saque code hands cash out rather than taking a sale's money;
 * - an amount it states (tag 54) is the order's, and a static payment states one (otherwise the payer
 *   types any amount); a dynamic code's amount comes from its location, so it is only compared when present;
 * - when the provider reported a charge location, the code points at it.
 */
export function checkOrderBRCode(text: string, expected: OrderBRCodeExpectation): ParsedBRCode {
  const refuse = (why: string) => new ProviderRejected(`${expected.provider} answered a BR Code that ${why}`);
  let code: ParsedBRCode;
  try {
    code = parseBRCode(text);
  } catch (err) {
    if (err instanceof BRCodeError) throw refuse(`is invalid: ${err.message}`);
    throw err;
  }
  if (code.kind === 'saque') throw refuse('is a Pix Saque, not a sale');
  const payment = code.kind === 'automatic' ? code.payment : code;
  if (payment === undefined) throw refuse('offers a Pix Automático recurrence and no payment');
  if (payment.amount !== undefined && payment.amount !== expected.amount) {
    throw refuse(`asks R$ ${formatReais(payment.amount)}, the order is R$ ${formatReais(expected.amount)}`);
  }
  if (payment.kind === 'static' && payment.amount === undefined) {
    throw refuse(`lets the payer type the amount, the order is R$ ${formatReais(expected.amount)}`);
  }
  if (expected.location !== undefined && (!('location' in payment) || payment.location !== expected.location)) {
    throw refuse('does not point at its charge location');
  }
  return code;
}
