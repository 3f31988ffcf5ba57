import { randomBytes } from 'node:crypto';
import { type PayPage, WALLET_DISPLAY_NAMES, WALLETS, type Wallet } from '@tillgate/sdk/protocol';
import express, { type Request, type Response, Router } from 'express';
import QRCode from 'qrcode';
import { formatBrDateTime, formatBrl } from '../domain/payment-link.js';
import { ApiError } from '../services/errors.js';
import type { PayPages } from '../services/payment-links/pay-page.js';
import { PAY_TEXT, type PayText, payLangOf, say } from './pay-page-text.js';

const TIME_ZONE = 'America/Sao_Paulo';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * The hosted page of a payment link, server-rendered so it works without JavaScript: choosing a wallet
 * is a form that posts back here, and the QR is an inline SVG. A small script (allowed by its nonce
 * only) adds the countdown, the copy button and the live status over the WebSocket with the order's
 * client secret, reloading the page when the order settles.
 */
export function payPageRouter(pages: PayPages): Router {
  const router = Router();
  router.get('/pay/:token', async (req, res) => {
    await render(req, res, pages, 200);
  });
  router.post('/pay/:token', express.urlencoded({ extended: false, limit: '1kb' }), async (req, res) => {
    const wallet = (req.body as { wallet?: unknown } | undefined)?.wallet;
    const token = req.params.token as string;
    let failed = false;
    if (typeof wallet === 'string' && (WALLETS as readonly string[]).includes(wallet)) {
      try {
        await pages.order(token, wallet as Wallet);
      } catch (err) {
        // A closed link renders as closed; anything else says the QR could not be made.
        failed = !(err instanceof ApiError && (err.code === 'payment_link_closed' || err.code === 'not_found'));
        if (!(err instanceof ApiError)) throw err;
      }
    }
    if (!failed) return void res.redirect(303, `/pay/${encodeURIComponent(token)}`);
    await render(req, res, pages, 422, true);
  });
  return router;
}

async function render(req: Request, res: Response, pages: PayPages, status: number, failed = false): Promise<void> {
  const lang = payLangOf(req.get('accept-language'));
  const t = PAY_TEXT[lang];
  const nonce = randomBytes(16).toString('base64');
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .set('Content-Language', lang)
    .set(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    )
    .type('html');
  let page: PayPage;
  try {
    page = await pages.show(req.params.token as string);
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'not_found') throw err;
    res.status(404).send(layout(lang, nonce, t.notFound, `<h1>${t.notFound}</h1><p>${t.notFoundText}</p>`));
    return;
  }
  const token = req.params.token as string;
  res.send(layout(lang, nonce, `${t.title} — ${page.store}`, await body(page, t, token, failed)));
}

async function body(page: PayPage, t: PayText, token: string, failed: boolean): Promise<string> {
  const amount = formatBrl(page.amount);
  const head = `
    ${page.environment === 'test' ? `<p class="test" role="note">${t.test}</p>` : ''}
    <header><p class="merchant">${escapeHtml(page.merchant)}</p><h1>${escapeHtml(page.store)}</h1></header>
    <dl class="facts">
      <div><dt>${t.amount}</dt><dd class="amount" data-testid="amount">${amount}</dd></div>
      ${page.order_ref ? `<div><dt>${t.reference}</dt><dd>${escapeHtml(page.order_ref)}</dd></div>` : ''}
      ${page.buyer_ref ? `<div><dt>${t.buyerRef}</dt><dd>${escapeHtml(page.buyer_ref)}</dd></div>` : ''}
    </dl>
    ${page.message ? `<p class="message">${escapeHtml(page.message)}</p>` : ''}`;
  return `${head}<section aria-labelledby="state">${await state(page, t, token, failed, amount)}</section>`;
}

async function state(page: PayPage, t: PayText, token: string, failed: boolean, amount: string): Promise<string> {
  const order = page.order;
  if (page.status === 'paid' && order) {
    const paidAt = order.paid_at ? formatBrDateTime(new Date(order.paid_at), TIME_ZONE) : '';
    return `<h2 id="state" class="paid" data-testid="status">${t.paid}</h2>
      <p>${t.thanks}</p>
      <h3>${t.receipt}</h3>
      <dl class="facts" data-testid="receipt">
        <div><dt>${t.amount}</dt><dd>${amount}</dd></div>
        <div><dt>${t.paidAt}</dt><dd>${paidAt}</dd></div>
        <div><dt>${t.paymentId}</dt><dd>${escapeHtml(order.provider_payment_id ?? order.id)}</dd></div>
      </dl>`;
  }
  if (page.status === 'cancelled' || page.status === 'expired' || page.status === 'failed')
    return `<h2 id="state" data-testid="status">${t[page.status]}</h2>`;
  const valid = `<p class="valid">${say(t.linkValid, { date: formatBrDateTime(new Date(page.expires_at), TIME_ZONE) })}</p>`;
  if (order && order.status === 'pending') {
    const qr = await QRCode.toString(order.qr_code_text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    const others = page.wallets.filter((w) => w !== order.wallet);
    return `<h2 id="state" data-testid="status" aria-live="polite" data-order="${escapeHtml(order.id)}" data-secret="${escapeHtml(order.client_secret)}" data-expires="${escapeHtml(order.expires_at)}">${t.waiting}</h2>
      <p>${t.scan}</p>
      <figure class="qr" role="img" aria-label="${escapeHtml(say(t.qrAlt, { amount }))}">${qr}</figure>
      <label for="code">${t.code}</label>
      <textarea id="code" readonly rows="4">${escapeHtml(order.qr_code_text)}</textarea>
      <button type="button" id="copy" data-copied="${escapeHtml(t.copied)}">${t.copy}</button>
      <p>${t.expiresIn} <span id="countdown" data-testid="countdown">${countdown(order.expires_at)}</span></p>
      ${others.length > 0 ? `<h3>${t.otherWallet}</h3>${walletForm(others, t, token)}` : ''}
      ${valid}`;
  }
  if (page.wallets.length === 0) return `<h2 id="state">${t.noWallet}</h2>`;
  return `<h2 id="state">${t.choose}</h2>
    ${failed ? `<p class="error" role="alert">${t.error}</p>` : ''}
    ${walletForm(page.wallets, t, token)}
    ${valid}`;
}

const walletForm = (wallets: readonly Wallet[], t: PayText, token: string): string =>
  `<form method="post" action="/pay/${encodeURIComponent(token)}" class="wallets">${wallets
    .map(
      (w) =>
        `<button type="submit" name="wallet" value="${w}">${escapeHtml(say(t.pay, { wallet: WALLET_DISPLAY_NAMES[w] }))}</button>`,
    )
    .join('')}</form>`;

function countdown(expiresAt: string): string {
  const left = Math.max(0, Math.round((Date.parse(expiresAt) - Date.now()) / 1000));
  return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
}

function layout(lang: string, nonce: string, title: string, main: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main>${main}</main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1b1f24}
main{max-width:28rem;margin:1.5rem auto;background:#fff;padding:1.5rem;border-radius:.75rem;box-shadow:0 1px 3px #0002}
h1{font-size:1.4rem;margin:.2rem 0 1rem}h2{font-size:1.2rem}.merchant{margin:0;color:#444}
.facts div{display:flex;justify-content:space-between;gap:1rem;border-bottom:1px solid #e3e5e8;padding:.35rem 0}
.facts dt{color:#444}.facts dd{margin:0;font-weight:600;overflow-wrap:anywhere;text-align:right}.amount{font-size:1.3rem}
.test{background:repeating-linear-gradient(45deg,#fff4c2,#fff4c2 10px,#ffe89a 10px,#ffe89a 20px);padding:.5rem;border-radius:.4rem;font-weight:600}
.qr svg{width:100%;max-width:16rem;height:auto;display:block;margin:0 auto}
textarea{width:100%;box-sizing:border-box;font-family:monospace;font-size:.8rem}
button{font:inherit;padding:.6rem 1rem;border-radius:.5rem;border:1px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer;margin:.3rem 0}
.wallets{display:flex;flex-direction:column}.paid{color:#0a6b2c}.error{color:#a4161a}.valid{color:#444;font-size:.9rem}
`;

/** Countdown, copy, and the order's status live; the page reloads to show what the server now knows. */
const SCRIPT = `(() => {
  const state = document.getElementById('state');
  if (!state || !state.dataset.order) return;
  const copy = document.getElementById('copy');
  const code = document.getElementById('code');
  copy.addEventListener('click', () => {
    code.select();
    const done = () => { copy.textContent = copy.dataset.copied; };
    if (navigator.clipboard) navigator.clipboard.writeText(code.value).then(done, done); else done();
  });
  const countdown = document.getElementById('countdown');
  const expires = Date.parse(state.dataset.expires);
  const tick = () => {
    const left = Math.max(0, Math.round((expires - Date.now()) / 1000));
    countdown.textContent = Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
    if (left === 0) setTimeout(() => location.reload(), 1500);
    else setTimeout(tick, 1000);
  };
  tick();
  const open = (delay) => {
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/v1/ws?client_secret=' + encodeURIComponent(state.dataset.secret);
    const ws = new WebSocket(url);
    ws.onopen = () => ws.send(JSON.stringify({ op: 'subscribe', topic: 'order:' + state.dataset.order }));
    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data);
      // Paid between the page's rendering and the subscription: the page's own API says so.
      if (msg.op === 'subscribed')
        fetch('/v1' + location.pathname).then((r) => r.json()).then((p) => {
          if (!p.order || p.order.status !== 'pending') location.reload();
        }, () => {});
      if (msg.op === 'event' && msg.event.data.order && msg.event.data.order.status !== 'pending') location.reload();
    };
    ws.onclose = () => setTimeout(() => open(Math.min(delay * 2, 10000)), delay);
  };
  open(500);
})();`;
