import { ManualClock } from '@tillgate/gateway';
import { Tillgate } from '@tillgate/sdk';
import { startPgliteGateway, type TestGateway } from '@tillgate/test/support/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBRL } from './money.js';
import { sell } from './sale.js';
import type { Terminal } from './terminal.js';

/** A cashier who types the given answers and does `onWaiting` once the countdown shows. */
function cashier(answers: string[], onWaiting: () => void) {
  const screen: string[] = [];
  let waiting = false;
  const terminal: Terminal = {
    ask: async (question) => {
      screen.push(question);
      return answers.shift() ?? '';
    },
    write: (text) => screen.push(text),
    status: (text) => {
      screen.push(text);
      if (!waiting) {
        waiting = true;
        onWaiting();
      }
    },
  };
  return { terminal, screen: () => screen.join('\n') };
}

describe('the terminal POS', () => {
  let t: TestGateway;
  let tillgate: Tillgate;

  beforeAll(async () => {
    t = await startPgliteGateway({ clock: new ManualClock(new Date()) });
    const till = t.demo.tills[0];
    tillgate = new Tillgate({
      baseUrl: t.url,
      auth: { accessKey: t.demo.access_key, secretKey: t.demo.secret_key, clientId: till?.client_id as string },
    });
  });
  afterAll(() => t?.close());

  const pendingOrder = async (orderRef: string) => {
    const [order] = await tillgate.orders.list({ q: orderRef, status: 'pending' }).toArray();
    if (!order) throw new Error(`no pending order ${orderRef}`);
    return order;
  };

  it('sells: shows the QR and countdown, sees the payment live, and refunds part of it', async () => {
    const orderRef = `POS-${Date.now()}`;
    const { terminal, screen } = cashier(['abc', '19,90', '5,00'], () => {
      void pendingOrder(orderRef).then((o) => tillgate.sandbox.pay(o.id));
    });
    const order = await sell(tillgate, terminal, { interrupt: new AbortController().signal, orderRef });
    expect(order).toMatchObject({ amount: 1990, refunded_amount: 500, status: 'partially_refunded' });
    const shown = screen();
    expect(shown).toContain('Digite um valor como 19,90.');
    expect(shown).toMatch(/[▀▄█]{20}/);
    expect(shown).toContain(order.qr_code_text);
    expect(shown).toMatch(/Aguardando pagamento de R\$\s19,90… expira em [45]:\d\d \(Ctrl-C cancela\)/);
    expect(shown).toMatch(/Pago! R\$\s19,90/);
    expect(shown).toMatch(/Estorno de R\$\s5,00: estornado\./);
  });

  it('cancels the pending order on Ctrl-C', async () => {
    const orderRef = `POS-${Date.now()}-c`;
    const interrupt = new AbortController();
    const { terminal, screen } = cashier(['7'], () => interrupt.abort());
    const order = await sell(tillgate, terminal, { interrupt: interrupt.signal, orderRef });
    expect(order).toMatchObject({ amount: 700, status: 'cancelled', cancel_reason: 'requested' });
    expect((await tillgate.orders.get(order.id)).status).toBe('cancelled');
    expect(screen()).toContain('Venda cancelada.');
  });

  it('reads amounts the way cashiers type them', () => {
    expect(['19,90', '19.9', 'R$ 19', '0,05', '0', '-1', '1,999', ''].map(parseBRL)).toEqual([
      1990,
      1990,
      1900,
      5,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
