import { ProviderUnavailable } from '../types.js';
import type { PicPayAccount } from './account.js';
import { reaisNumber } from './mapper.js';

/**
 * Asks the Tillgate PicPay emulator the account points at to play a payer
 * (`POST /_emulator/payments/{referenceId}/pay`). PicPay has no sandbox with such a door, so accounts
 * without a `base_url` (and every live one) answer false.
 */
export async function simulatePayment(
  account: PicPayAccount,
  input: { providerRef: string; amount?: number | undefined; failRefunds?: boolean | undefined },
  timeoutMs: number,
): Promise<boolean> {
  if (!account.emulatorUrl) return false;
  const payer: { value?: number; refunds?: 'fail' } = {};
  if (input.amount !== undefined) payer.value = reaisNumber(input.amount);
  if (input.failRefunds) payer.refunds = 'fail';
  // The controls sit at the emulator's root, beside the API path (`/ecommerce/public`) that base_url names.
  const url = new URL(`/_emulator/payments/${encodeURIComponent(input.providerRef)}/pay`, account.emulatorUrl);
  let res: Response;
  try {
    const init = { method: 'POST', body: JSON.stringify(payer), signal: AbortSignal.timeout(timeoutMs) };
    res = await fetch(url, { ...init, headers: { 'content-type': 'application/json' } });
  } catch (err) {
    throw new ProviderUnavailable(`the PicPay emulator could not be reached: ${(err as Error).message}`);
  }
  if (!res.ok) throw new ProviderUnavailable(`the PicPay emulator refused to pay: ${res.status} ${await res.text()}`);
  return true;
}
