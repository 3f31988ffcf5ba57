import { askEmulatorToPay, type SimulatedPayment } from '../emulator-payer.js';
import { reaisFromCentavos } from '../money.js';
import type { MercadopagoAccount } from './account.js';

/**
 * Asks the Tillgate Mercado Pago emulator the account points at to play a payer
 * (`POST /_emulator/orders/{id}/pay`). Mercado Pago's own test accounts have no such door: false.
 */
export async function simulatePayment(
  account: MercadopagoAccount,
  payment: SimulatedPayment,
  timeoutMs: number,
): Promise<boolean> {
  if (!account.emulated) return false;
  const url = `${account.apiUrl}/_emulator/orders/${encodeURIComponent(payment.providerRef)}/pay`;
  const amount = (centavos: number) => ({ amount: reaisFromCentavos(centavos) });
  return askEmulatorToPay({ emulator: 'Mercado Pago', url, payment, amount, timeoutMs });
}
