import { askEmulatorToPay, type SimulatedPayment } from '../emulator-payer.js';
import type { CieloAccount } from './account.js';

/**
 * Asks the Tillgate Cielo emulator the account points at to play a payer
 * (`POST /_emulator/sales/{PaymentId}/pay`). Cielo's own sandbox has no such door: an account without
 * `base_url` answers false.
 */
export async function simulatePayment(
  account: CieloAccount,
  payment: SimulatedPayment,
  timeoutMs: number,
): Promise<boolean> {
  if (!account.config.base_url) return false;
  const url = `${account.transactionalUrl}/_emulator/sales/${encodeURIComponent(payment.providerRef)}/pay`;
  return askEmulatorToPay({ emulator: 'Cielo', url, payment, amount: (amount) => ({ amount }), timeoutMs });
}
