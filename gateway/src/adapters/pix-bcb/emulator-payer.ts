import { formatReais } from '@tillgate/sdk/pix';
import { ProviderUnavailable } from '../types.js';
import type { PixAccount } from './account.js';

/**
 * Asks the Tillgate Pix emulator the account points at to play a payer (`POST /_emulator/cob/{txid}/pay`).
 * Real banks' sandboxes have no such door, so accounts not marked `emulator` answer false.
 */
export async function simulatePayment(
  account: PixAccount,
  input: { providerRef: string; amount?: number | undefined; failRefunds?: boolean | undefined },
  timeoutMs: number,
): Promise<boolean> {
  if (!account.config.emulator || !account.config.origin) return false;
  const res = await fetch(new URL(`/_emulator/cob/${input.providerRef}/pay`, account.config.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...(input.amount === undefined ? {} : { valor: formatReais(input.amount) }),
      ...(input.failRefunds ? { refunds: 'fail' } : {}),
    }),
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((err: unknown) => {
    throw new ProviderUnavailable(`the Pix emulator could not be reached: ${(err as Error).message}`);
  });
  if (!res.ok) throw new ProviderUnavailable(`the Pix emulator refused the payment: ${res.status} ${await res.text()}`);
  return true;
}
