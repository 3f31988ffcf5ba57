/** The panel's calls to the payment-link endpoints (the API reference has them). */
import type { Page, PaymentLink, PaymentLinkStatus, Wallet } from '@tillgate/sdk/protocol';
import { call } from './client.js';

export interface NewLinks {
  store_id: string;
  amount: number;
  order_ref?: string;
  emails: string;
  buyer_ref?: string;
  bcc?: { store_manager?: boolean; me?: boolean; other?: string };
  message?: string;
  template?: string;
  expires_in?: number;
  wallets?: Wallet[];
}

const path = (linkId: string, action = '') => `/v1/payment-links/${encodeURIComponent(linkId)}${action}`;

export const paymentLinks = {
  list: (filters: { status?: PaymentLinkStatus | ''; store_id?: string; order_ref?: string }, cursor?: string) =>
    call<Page<PaymentLink>>('GET', '/v1/payment-links', {
      query: {
        limit: 50,
        cursor,
        status: filters.status || undefined,
        store_id: filters.store_id || undefined,
        order_ref: filters.order_ref || undefined,
      },
    }),
  create: (body: NewLinks) => call<{ data: PaymentLink[] }>('POST', '/v1/payment-links', { body }),
  resend: (linkId: string) => call<PaymentLink>('POST', path(linkId, '/resend')),
  cancel: (linkId: string) => call<PaymentLink>('POST', path(linkId, '/cancel')),
};
