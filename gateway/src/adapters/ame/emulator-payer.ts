import { ProviderUnavailable } from '../types.js';
import type { AmeAccount } from './account.js';

/**
 * Asks the Tillgate Ame emulator the account points at to play a payer: it authorizes the order and
 * calls back as Ame would. Ame's own sandbox has no such door, so an account at Ame answers false.
 */
export async function simulatePayment(
  account: AmeAccount,
  input: { providerRef: string; amount?: number | undefined; failRefunds?: boolean | undefined },
  timeoutMs: number,
): Promise<boolean> {
  if (account.environment !== 'test' || !account.emulatorUrl) return false;
  // The controls live at the emulator's root, whatever path its API is under.
  const url = new URL(`/_emulator/orders/${encodeURIComponent(input.providerRef)}/pay`, account.emulatorUrl);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...(input.amount === undefined ? {} : { amount: input.amount }),
      ...(input.failRefunds ? { refunds: 'fail' } : {}),
    }),
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((err: unknown) => {
    throw new ProviderUnavailable(`the Ame emulator could not be reached: ${(err as Error).message}`);
  });
  if (!res.ok) throw new ProviderUnavailable(`the Ame emulator refused the payment: ${res.status} ${await res.text()}`);
  return true;
}
