import { at, controlBody, type EmulatorControls, type Route } from '../kit/index.js';
import type { Sale } from './ledger.js';
import type { CieloNotification } from './notifications.js';

/** A merchant as Cielo's portal holds it: credentials, and where and how its notifications go. */
export interface Merchant {
  merchantId: string;
  merchantKey: string;
  /** "URL de notificações"; none registered, no notifications. */
  notificationUrl?: string | undefined;
  /** The up to three static headers registered with that URL. */
  notificationHeaders?: Record<string, string> | undefined;
}

export interface Controls extends EmulatorControls {
  /** A payer pays the sale's QR: the amount asked or `amount` centavos; `refunds: 'fail'` refuses its refunds. */
  pay(paymentId: string, options?: { amount?: number | undefined; refunds?: 'fail' | undefined }): Promise<Sale>;
  /** Registers a merchant, or changes its portal settings. */
  merchant(merchant: Merchant): void;
  /** The sale whose BR Code points at this location (`host/qr/v2/{txid}`). */
  saleAt(location: string): Sale;
  readonly notificationsSent: readonly CieloNotification[];
}

/** How payers pay and merchants are set up, under `/_emulator` beside the kit's controls. */
export function ownRoutes(controls: Controls): Route[] {
  return [
    {
      method: 'POST',
      pattern: at('/_emulator', '/sales/:id/pay'),
      handle: async (call, [paymentId = '']) => {
        const { amount, refunds } = controlBody(call);
        if (amount !== undefined && !Number.isSafeInteger(amount))
          return { status: 400, body: { error: 'amount is integer centavos' } };
        const sale = await controls.pay(paymentId, {
          amount: amount as number | undefined,
          refunds: refunds === 'fail' ? 'fail' : undefined,
        });
        return { status: 200, body: sale };
      },
    },
    {
      method: 'POST',
      pattern: at('/_emulator', '/pay'),
      handle: async (call) => {
        const { location } = controlBody(call);
        if (typeof location !== 'string') return { status: 400, body: { error: 'location must be a string' } };
        return { status: 200, body: await controls.pay(controls.saleAt(location).paymentId) };
      },
    },
    {
      method: 'PUT',
      pattern: at('/_emulator', '/merchants/:id'),
      handle: (call, [merchantId = '']) => {
        const b = controlBody(call);
        if (typeof b.MerchantKey !== 'string') return { status: 400, body: { error: 'MerchantKey is required' } };
        controls.merchant({
          merchantId,
          merchantKey: b.MerchantKey,
          notificationUrl: typeof b.NotificationUrl === 'string' ? b.NotificationUrl : undefined,
          notificationHeaders: (b.NotificationHeaders ?? undefined) as Record<string, string> | undefined,
        });
        return { status: 204 };
      },
    },
  ];
}
