import { askEmulatorToPay, type SimulatedPayment } from '../emulator-payer.js';
import type { PicPayAccount } from './account.js';
import { reaisNumber } from './mapper.js';

/**
 * Asks the Tillgate PicPay emulator the account points at to play a payer
 * (`POST /_emulator/payments/{referenceId}/pay`). PicPay has no sandbox with such a door, so accounts
 * without a `base_url` (and every live one) answer false.
 */
export async function simulatePayment(
  account: PicPayAccount,
  payment: SimulatedPayment,
  timeoutMs: number,
): Promise<boolean> {
  if (!account.emulatorUrl) return false;
  // The controls sit at the emulator's root, beside the API path (`/ecommerce/public`) that base_url names.
  const url = new URL(`/_emulator/payments/${encodeURIComponent(payment.providerRef)}/pay`, account.emulatorUrl);
  const amount = (centavos: number) => ({ value: reaisNumber(centavos) });
  return askEmulatorToPay({ emulator: 'PicPay', url, payment, amount, timeoutMs });
}
