import type { Wallet } from '@tillgate/sdk/protocol';

/** Brand names, the same in every language (the gateway's `GET /v1/wallets` gives the same). */
export const WALLET_NAMES: Record<Wallet, string> = {
  pix: 'Pix',
  mercadopago: 'Mercado Pago',
  picpay: 'PicPay',
  pagbank: 'PagBank',
  ame: 'Ame Digital',
  cielopay: 'Cielo Pay',
};
