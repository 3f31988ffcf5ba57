import type { Order, Tillgate } from '@tillgate/sdk';
import { parseBRCode } from '@tillgate/sdk/pix';

/** Someone paying an order's QR code; resolves once the gateway shows the order approved. */
export interface Payer {
  pay(client: Tillgate, order: Order): Promise<void>;
}

/** Long enough for the gateway's charge reconciler to find a payment whose notification was lost. */
const APPROVAL_TIMEOUT_MS = 120_000;

/** Pays through the gateway's sandbox route, which also pays at a provider's emulator and re-reads the charge. */
export const sandboxPayer: Payer = {
  async pay(client, order) {
    const paid = await client.sandbox.pay(order.id);
    if (paid.status !== 'approved')
      await client.orders.waitFor(order.id, { until: ['approved'], timeout: APPROVAL_TIMEOUT_MS });
  },
};

/**
 * Pays at the Pix PSP emulator as a payer's bank app does, from the BR Code's location, never telling the
 * gateway: the gateway learns it from the PSP's notification or, when that is lost, from its own re-read.
 * Orders whose charge is not at this emulator are paid through the sandbox route.
 */
export function pixEmulatorPayer(emulatorUrl: string): Payer {
  const host = new URL(emulatorUrl).host;
  return {
    async pay(client, order) {
      const code = parseBRCode(order.qr_code_text);
      if (code.kind !== 'dynamic' || !code.location.startsWith(`${host}/`)) return sandboxPayer.pay(client, order);
      const res = await fetch(new URL('/_emulator/pay', emulatorUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ location: code.location }),
      });
      if (!res.ok) throw new Error(`the Pix emulator refused the payment: ${res.status} ${await res.text()}`);
      await client.orders.waitFor(order.id, { until: ['approved'], timeout: APPROVAL_TIMEOUT_MS });
    },
  };
}

/** At the Pix emulator when there is one (for the orders whose charge is there), else the sandbox route. */
export const payerFor = (emulatorUrl: string | undefined): Payer =>
  emulatorUrl ? pixEmulatorPayer(emulatorUrl) : sandboxPayer;
