import { ProviderUnavailable } from '../types.js';
import type { CieloAccount } from './account.js';

/**
 * Asks the Tillgate Cielo emulator the account points at to play a payer
 * (`POST /_emulator/sales/{PaymentId}/pay`). Cielo's own sandbox has no such door: an account without
 * `base_url` answers false.
 */
export async function simulatePayment(
  account: CieloAccount,
  input: { providerRef: string; amount?: number | undefined; failRefunds?: boolean | undefined },
  timeoutMs: number,
): Promise<boolean> {
  if (!account.config.base_url) return false;
  const url = `${account.transactionalUrl}/_emulator/sales/${encodeURIComponent(input.providerRef)}/pay`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...(input.amount === undefined ? {} : { amount: input.amount }),
      ...(input.failRefunds ? { refunds: 'fail' } : {}),
    }),
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((err: unknown) => {
    throw new ProviderUnavailable(`the Cielo emulator could not be reached: ${(err as Error).message}`);
  });
  if (!res.ok)
    throw new ProviderUnavailable(`the Cielo emulator refused the payment: ${res.status} ${await res.text()}`);
  return true;
}
