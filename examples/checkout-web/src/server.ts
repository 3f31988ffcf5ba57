import type { Tillgate } from '@tillgate/sdk';
import express, { type Express } from 'express';
import { checkoutPage } from './page/html.js';
import { bundlePageScript } from './page/page-script.js';

export interface CheckoutOptions {
  /** Signed in with the shop's app credentials; they never leave the server. */
  tillgate: Tillgate;
  /** The e-commerce till the orders belong to. */
  tillId: string;
  /** Where the page reaches the gateway. */
  gatewayUrl: string;
  product?: { name: string; amount: number };
  /** Seconds each QR stays valid. */
  expiresIn?: number;
}

const CART_ID = /^[0-9a-f]{24}$/;
const brl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

/** The shop's server: the page, its script, and POST /api/checkout that creates the cart's Pix order. */
export async function createCheckoutServer(options: CheckoutOptions): Promise<Express> {
  const product = options.product ?? { name: 'Café especial 250 g', amount: 3990 };
  const page = checkoutPage({ name: product.name, price: brl.format(product.amount / 100) });
  const script = await bundlePageScript();
  const app = express();
  app.get('/', (_req, res) => {
    res.type('html').send(page);
  });
  app.get('/checkout.js', (_req, res) => {
    res.type('text/javascript').send(script);
  });
  app.post('/api/checkout', express.json(), async (req, res) => {
    const cartId = String(req.body?.cart_id ?? '');
    if (!CART_ID.test(cartId)) return void res.status(422).json({ error: 'cart_id must be 24 hex digits' });
    // The same order_ref for every QR of a cart: a new one replaces a still pending one at the gateway.
    const order = await options.tillgate.orders.create({
      order_ref: `WEB-${cartId}`,
      wallet: 'pix',
      amount: product.amount,
      till_id: options.tillId,
      expires_in: options.expiresIn ?? 600,
    });
    res.json({ order_id: order.id, client_secret: order.client_secret, gateway_url: options.gatewayUrl });
  });
  return app;
}
