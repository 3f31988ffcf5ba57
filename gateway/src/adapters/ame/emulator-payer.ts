import { askEmulatorToPay, type SimulatedPayment } from '../emulator-payer.js';
import type { AmeAccount } from './account.js';

/**
 * Asks the Tillgate Ame emulator the account points at to play a payer: it authorizes the order and
 * calls back as Ame would. Ame's own sandbox has no such door, so an account at Ame answers false.
 */
export async function simulatePayment(
  account: AmeAccount,
  payment: SimulatedPayment,
  timeoutMs: number,
): Promise<boolean> {
  if (account.environment !== 'test' || !account.emulatorUrl) return false;
  // The controls live at the emulator's root, whatever path its API is under.
  const url = new URL(`/_emulator/orders/${encodeURIComponent(payment.providerRef)}/pay`, account.emulatorUrl);
  return askEmulatorToPay({ emulator: 'Ame', url, payment, amount: (amount) => ({ amount }), timeoutMs });
}
