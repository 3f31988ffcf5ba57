/** The providers the panel offers when adding an account; wire types come from `@tillgate/sdk/protocol`. */
export const PIX_PROVIDERS = ['itau', 'santander', 'bb', 'bradesco', 'pagbank', 'mercadopago', 'sandbox'] as const;
export const WALLET_PROVIDERS = ['mercadopago', 'picpay', 'pagbank', 'ame', 'cielopay'] as const;
