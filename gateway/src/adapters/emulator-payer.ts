import { ProviderUnavailable } from './types.js';

/** What a test asks an emulated payer to do: pay this provider order, with another amount, refusing refunds. */
export interface SimulatedPayment {
  providerRef: string;
  amount?: number | undefined;
  failRefunds?: boolean | undefined;
}

/**
 * Asks one of Tillgate's provider emulators to play a payer, at its `/_emulator/…/pay` control. Real providers
 * have no such door, so each adapter first decides whether its account points at an emulator; this only makes
 * the call. `amount` writes the amount as that provider's API writes money (reais as text, as a number, or
 * centavos).
 */
export async function askEmulatorToPay(request: {
  emulator: string;
  url: string | URL;
  payment: SimulatedPayment;
  amount: (centavos: number) => Record<string, unknown>;
  timeoutMs: number;
}): Promise<true> {
  const { emulator, payment } = request;
  const body = {
    ...(payment.amount === undefined ? {} : request.amount(payment.amount)),
    ...(payment.failRefunds ? { refunds: 'fail' } : {}),
  };
  const res = await fetch(request.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(request.timeoutMs),
  }).catch((err: unknown) => {
    throw new ProviderUnavailable(`the ${emulator} emulator could not be reached: ${(err as Error).message}`);
  });
  if (!res.ok)
    throw new ProviderUnavailable(`the ${emulator} emulator refused the payment: ${res.status} ${await res.text()}`);
  return true;
}
