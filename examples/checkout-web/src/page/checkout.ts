/**
 * The checkout page's script. It holds no API credentials: the shop's server gives it one order's
 * client secret, which can read and watch that order and nothing else.
 */
import { type Order, Tillgate } from '@tillgate/sdk';
import { renderQR } from '@tillgate/sdk/qr';

interface Checkout {
  order_id: string;
  client_secret: string;
  gateway_url: string;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $('status');
const qr = $<HTMLImageElement>('qr');
const code = $<HTMLTextAreaElement>('code');
const countdown = $('countdown');
const renew = $<HTMLButtonElement>('renew');
const copy = $<HTMLButtonElement>('copy');

// One cart per page: every QR of this cart shares its order_ref, so a new QR replaces the last one.
const cartId = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

function showStatus(text: string, state: 'waiting' | 'paid' | 'expired' | 'error'): void {
  status.textContent = text;
  status.dataset.state = state;
}

function startCountdown(order: Order): () => void {
  const expiresAt = Date.parse(order.expires_at);
  const tick = () => {
    const left = Math.max(0, Math.round((expiresAt - Date.now()) / 1000));
    countdown.textContent = `Expira em ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  };
  tick();
  const timer = setInterval(tick, 1000);
  return () => clearInterval(timer);
}

async function checkout(): Promise<void> {
  renew.hidden = true;
  showStatus('Gerando QR…', 'waiting');
  const res = await fetch('/api/checkout', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cart_id: cartId }),
  });
  if (!res.ok) throw new Error(`checkout failed: ${res.status}`);
  const { order_id, client_secret, gateway_url } = (await res.json()) as Checkout;
  const tillgate = new Tillgate({ baseUrl: gateway_url, auth: { clientSecret: client_secret } });

  const order = await tillgate.orders.get(order_id);
  document.body.dataset.orderId = order.id;
  qr.src = await renderQR(order, { format: 'dataurl' });
  qr.hidden = false;
  code.value = order.qr_code_text;
  showStatus('Aguardando pagamento', 'waiting');
  const stopCountdown = startCountdown(order);

  const settled = await tillgate.orders.waitFor(order.id, { until: ['approved'] });
  stopCountdown();
  if (settled.status === 'approved') {
    showStatus('Pago', 'paid');
    countdown.textContent = 'Obrigado pela compra!';
    qr.hidden = true;
    return;
  }
  showStatus(settled.status === 'expired' ? 'QR expirado' : 'QR cancelado', 'expired');
  countdown.textContent = '';
  qr.hidden = true;
  renew.hidden = false;
}

const run = () => checkout().catch((err: unknown) => showStatus(`Erro: ${String(err)}`, 'error'));
renew.addEventListener('click', run);
copy.addEventListener('click', () => {
  void navigator.clipboard.writeText(code.value).then(() => {
    copy.textContent = 'Copiado!';
  });
});
run();
