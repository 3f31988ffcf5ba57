import { reaisFromCentavos } from '../money.js';
import { ProviderUnavailable } from '../types.js';
import type { MercadopagoAccount } from './account.js';

/**
 * Asks the Tillgate Mercado Pago emulator the account points at to play a payer
 * (`POST /_emulator/orders/{id}/pay`). Mercado Pago's own test accounts have no such door: false.
 */
export async function simulatePayment(
  account: MercadopagoAccount,
  input: { providerRef: string; amount?: number | undefined; failRefunds?: boolean | undefined },
  timeoutMs: number,
): Promise<boolean> {
  if (!account.emulated) return false;
  const res = await fetch(`${account.apiUrl}/_emulator/orders/${encodeURIComponent(input.providerRef)}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...(input.amount === undefined ? {} : { amount: reaisFromCentavos(input.amount) }),
      ...(input.failRefunds ? { refunds: 'fail' } : {}),
    }),
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((err: unknown) => {
    throw new ProviderUnavailable(`the Mercado Pago emulator could not be reached: ${(err as Error).message}`);
  });
  if (!res.ok)
    throw new ProviderUnavailable(`the Mercado Pago emulator refused the payment: ${res.status} ${await res.text()}`);
  return true;
}
