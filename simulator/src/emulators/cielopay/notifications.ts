import type { OutgoingNotification } from '../kit/index.js';
import type { Merchant } from './control.js';

/** Cielo's Notification Post: which sale changed and how, nothing more; the merchant reads the sale back. */
export interface CieloNotification {
  PaymentId: string;
  ChangeType: number;
}

/** What the emulator notifies: a sale, to its merchant, with the change it went through (1: status). */
export interface Change {
  merchant: Merchant;
  paymentId: string;
  changeType: number;
}

/** One POST per change, carrying the merchant's registered static headers (Cielo signs nothing). */
export function cieloNotification(url: string, [change]: Change[]): OutgoingNotification<CieloNotification> {
  if (!change) throw new Error('a Cielo notification names one sale');
  return {
    url,
    body: { PaymentId: change.paymentId, ChangeType: change.changeType },
    headers: () => ({ ...change.merchant.notificationHeaders }),
  };
}
