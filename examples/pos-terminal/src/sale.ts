import { type Order, type Tillgate, TillgateConflictError } from '@tillgate/sdk';
import { renderQR } from '@tillgate/sdk/qr';
import { formatBRL, parseBRL } from './money.js';
import type { Terminal } from './terminal.js';

export interface SaleOptions {
  /** Aborted by Ctrl-C: the pending order is cancelled. */
  interrupt: AbortSignal;
  orderRef: string;
  /** Seconds the QR stays valid. */
  expiresIn?: number;
}

/** One sale at the till: amount, QR, wait for the payment live, then an optional refund. */
export async function sell(tillgate: Tillgate, terminal: Terminal, options: SaleOptions): Promise<Order> {
  const amount = await askAmount(terminal, 'Valor da venda (R$): ');
  const order = await tillgate.orders.create({
    order_ref: options.orderRef,
    wallet: 'pix',
    amount,
    expires_in: options.expiresIn ?? 300,
  });
  terminal.write(await renderQR(order, { format: 'terminal' }));
  terminal.write(`Pix copia e cola:\n${order.qr_code_text}\n`);

  const settled = await awaitPayment(tillgate, terminal, order, options.interrupt);
  if (settled.status === 'approved') {
    terminal.write(`\nPago! ${formatBRL(settled.amount)} por ${settled.payment?.payer.name ?? 'pagador'}.`);
    return offerRefund(tillgate, terminal, settled);
  }
  terminal.write(settled.status === 'cancelled' ? '\nVenda cancelada.' : '\nO QR expirou sem pagamento.');
  return settled;
}

/** Waits live with a countdown; Ctrl-C cancels, unless the payment got in first. */
async function awaitPayment(tillgate: Tillgate, terminal: Terminal, order: Order, interrupt: AbortSignal) {
  const expiresAt = Date.parse(order.expires_at);
  const tick = () => {
    const left = Math.max(0, Math.round((expiresAt - Date.now()) / 1000));
    const clock = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
    terminal.status(`Aguardando pagamento de ${formatBRL(order.amount)}… expira em ${clock} (Ctrl-C cancela)`);
  };
  tick();
  const countdown = setInterval(tick, 1000);
  try {
    return await tillgate.orders.waitFor(order.id, { until: ['approved'], signal: interrupt });
  } catch (err) {
    if (!interrupt.aborted) throw err;
    return await tillgate.orders.cancel(order.id).catch(async (cancelError) => {
      if (cancelError instanceof TillgateConflictError) return tillgate.orders.get(order.id);
      throw cancelError;
    });
  } finally {
    clearInterval(countdown);
  }
}

async function offerRefund(tillgate: Tillgate, terminal: Terminal, order: Order): Promise<Order> {
  const answer = await terminal.ask('Estornar? Valor em R$, "tudo", ou Enter para não: ');
  if (answer.trim() === '') return order;
  const amount = answer.trim().toLowerCase() === 'tudo' ? undefined : parseBRL(answer);
  if (answer.trim().toLowerCase() !== 'tudo' && amount === undefined) {
    terminal.write('Valor inválido; nada foi estornado.');
    return order;
  }
  const refund = await tillgate.orders.refunds.create(order.id, amount === undefined ? {} : { amount });
  const outcome = refund.status === 'succeeded' ? 'estornado' : refund.status === 'pending' ? 'em andamento' : 'falhou';
  terminal.write(`Estorno de ${formatBRL(refund.amount)}: ${outcome}.`);
  return tillgate.orders.get(order.id);
}

async function askAmount(terminal: Terminal, question: string): Promise<number> {
  for (;;) {
    const amount = parseBRL(await terminal.ask(question));
    if (amount !== undefined) return amount;
    terminal.write('Digite um valor como 19,90.');
  }
}
