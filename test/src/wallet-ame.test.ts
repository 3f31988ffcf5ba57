import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ameDescriptor } from '@tillgate/gateway';
import { type AmeEmulator, startAmeEmulator } from '@tillgate/simulator/emulators/ame';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

type Adapter = ReturnType<typeof ameDescriptor.create>;
type Account = Parameters<Adapter['getCharge']>[0]['account'];
type ChargeRequest = Parameters<Adapter['createCharge']>[0]['order'];

const CLIENT_ID = 'ame-wallet-test';
const CLIENT_SECRET = 'ame-wallet-test-secret';

/**
 * The gateway's notification route on loopback, as Ame reaches it: each callback's exact bytes, and its
 * headers with the URL's `?secret=` copied into `x-webhook-secret` as the route does.
 */
async function startInbox() {
  const got: Array<{ headers: Record<string, string>; rawBody: Buffer }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = flat(req.headers);
      const secret = new URL(req.url ?? '/', 'http://inbox').searchParams.get('secret');
      if (secret !== null) headers['x-webhook-secret'] = secret;
      got.push({ headers, rawBody: Buffer.concat(chunks) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/providers/ame/pac_ame/webhook`;
  return { url, got, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const flat = (headers: IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));

const adapterFor = () =>
  ameDescriptor.create({ log: pino({ level: 'silent' }), clock: { now: () => new Date() }, timeoutMs: 2000 });

describe('Ame adapter against its emulator', () => {
  let emulator: AmeEmulator;
  let inbox: Awaited<ReturnType<typeof startInbox>>;
  let adapter: Adapter;
  let account: Account;
  let n = 0;

  const request = (amount = 1990): ChargeRequest => {
    n += 1;
    return {
      orderId: `ord_ame${String(n).padStart(22, '0')}`,
      orderRef: `sale-${n}`,
      storeId: 'sto_1',
      tillId: 'til_1',
      notificationUrl: inbox.url,
      wallet: 'ame',
      amount,
      items: [{ title: 'Pão de queijo', quantity: 2, unit_amount: amount / 2 }],
      expiresAt: new Date(Date.now() + 600_000),
      expiresInSeconds: 600,
      description: 'Padaria Demonstração',
    };
  };
  const create = (amount?: number) =>
    adapter.createCharge({ order: request(amount), account, idempotencyKey: `idem-${n}` });
  const lastCallback = () => {
    const last = inbox.got.at(-1);
    if (!last) throw new Error('no callback arrived');
    return last;
  };
  const notify = (callback = lastCallback(), a = adapter) => a.parseNotification({ ...callback, account });
  /** Paid and captured, through the callback as a payer's app would. */
  const paid = async (amount?: number) => {
    const charge = await create(amount);
    const payment = await emulator.pay(charge.providerRef);
    await notify();
    return { charge, payment };
  };

  beforeAll(async () => {
    emulator = await startAmeEmulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refundSettleMs: 0 });
    inbox = await startInbox();
    adapter = adapterFor();
    account = {
      id: 'pac_ame',
      merchantId: 'mer_1',
      environment: 'test',
      adapter: 'ame',
      provider: 'Ame',
      config: { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, base_url: emulator.url },
    };
  });
  afterAll(async () => {
    await emulator?.close();
    await inbox?.close();
  });
  beforeEach(() => {
    emulator.heal();
    emulator.setWebhookMode('once');
  });

  it('creates an order in centavos with its callback carrying the account secret, and hands out the deep link', async () => {
    const charge = await create();
    expect(charge.deepLink).toMatch(/^ame:\/\//);
    expect(charge.qrCodeText).toBe(charge.deepLink);
    const order = emulator.ledger.getOrder(charge.providerRef);
    expect(order).toMatchObject({ amount: 1990, type: 'PAYMENT', currency: 'BRL', status: 'CREATED' });
    const callback = new URL(order.attributes.transactionChangedCallbackUrl);
    expect(callback.pathname).toBe('/v1/providers/ame/pac_ame/webhook');
    expect(callback.searchParams.get('secret')).toMatch(/^[\w-]{32}$/);
    expect(await adapter.getCharge({ providerRef: charge.providerRef, account })).toEqual({ status: 'pending' });
  });

  it('captures an authorized payment before calling it paid, with Ame’s payment id and amount', async () => {
    const before = emulator.captures;
    const charge = await create();
    const payment = await emulator.pay(charge.providerRef);
    expect(payment.status).toBe('AUTHORIZED');
    expect(JSON.parse(lastCallback().rawBody.toString())).toMatchObject({ id: payment.id, status: 'AUTHORIZED' });
    const events = await notify();
    expect(events).toEqual([
      {
        kind: 'payment',
        providerRef: charge.providerRef,
        payment: expect.objectContaining({ providerPaymentId: payment.id, amount: 1990 }),
      },
    ]);
    expect(emulator.captures - before).toBe(1);
    expect(emulator.ledger.getTransaction(payment.id).status).toBe('SUCCESS');
    const state = await adapter.getCharge({ providerRef: charge.providerRef, account });
    expect(state).toMatchObject({ status: 'paid', payments: [{ providerPaymentId: payment.id, amount: 1990 }] });
    expect(emulator.captures - before).toBe(1);
  });

  it('reports a payment of another amount as it was paid', async () => {
    const charge = await create(1990);
    await emulator.pay(charge.providerRef, { amount: 1500 });
    const state = await adapter.getCharge({ providerRef: charge.providerRef, account });
    expect(state).toMatchObject({ status: 'paid', payments: [{ amount: 1500 }] });
  });

  it('captures exactly once when two callbacks and the reconciler of two instances race', async () => {
    const charge = await create();
    emulator.setWebhookMode('twice');
    const payment = await emulator.pay(charge.providerRef);
    const [first, second] = inbox.got.slice(-2);
    expect(first?.rawBody.equals(second?.rawBody ?? Buffer.alloc(0))).toBe(true);
    // Captures answer slowly, so every reader sees the payment AUTHORIZED before any capture lands.
    emulator.fail({ delayMs: 150, match: '^PUT .*/capture$' });
    const [capturesBefore, attemptsBefore] = [emulator.captures, emulator.ledger.captureAttempts];
    const other = adapterFor();
    const results = await Promise.all([
      notify(first),
      notify(second),
      adapter.getCharge({ providerRef: charge.providerRef, account }),
      other.getCharge({ providerRef: charge.providerRef, account }),
    ]);
    expect(emulator.captures - capturesBefore).toBe(1);
    // One capture per instance reached Ame (callers in one instance share theirs); Ame refused the second.
    expect(emulator.ledger.captureAttempts - attemptsBefore).toBe(2);
    for (const events of results.slice(0, 2))
      expect(events).toEqual([expect.objectContaining({ kind: 'payment', providerRef: charge.providerRef })]);
    for (const state of results.slice(2))
      expect(state).toMatchObject({ status: 'paid', payments: [{ providerPaymentId: payment.id }] });
  });

  it('refuses a callback without this account’s secret before asking Ame anything', async () => {
    const charge = await create();
    await emulator.pay(charge.providerRef);
    const real = lastCallback();
    const asked = emulator.received.length;
    const forged = { ...real, headers: { ...real.headers, 'x-webhook-secret': 'A'.repeat(32) } };
    await expect(notify(forged)).rejects.toMatchObject({ name: 'ProviderAuthFailed' });
    const { 'x-webhook-secret': _, ...bare } = real.headers;
    await expect(notify({ ...real, headers: bare })).rejects.toMatchObject({ name: 'ProviderAuthFailed' });
    expect(emulator.received.length).toBe(asked);
    // A forged body with the right secret changes nothing: the order is read back from Ame.
    const lie = Buffer.from(JSON.stringify({ id: 'x', status: 'SUCCESS', amount: 1, attributes: { orderId: 'nope' } }));
    expect(await notify({ ...real, rawBody: lie })).toEqual([]);
  });

  it('removes an unpaid order, and releases a hold whose capture never went through', async () => {
    const unpaid = await create();
    await adapter.cancelCharge({ providerRef: unpaid.providerRef, account });
    expect(emulator.ledger.getOrder(unpaid.providerRef).status).toBe('CANCELED');
    expect(await adapter.getCharge({ providerRef: unpaid.providerRef, account })).toEqual({ status: 'cancelled' });

    const held = await create();
    emulator.fail({ status: 503, match: '^PUT .*/capture$' });
    const payment = await emulator.pay(held.providerRef);
    await expect(adapter.getCharge({ providerRef: held.providerRef, account })).rejects.toMatchObject({
      name: 'ProviderUnavailable',
    });
    await adapter.cancelCharge({ providerRef: held.providerRef, account });
    emulator.heal();
    expect(emulator.ledger.getTransaction(payment.id).status).toBe('CANCELED');
    expect(await adapter.getCharge({ providerRef: held.providerRef, account })).toEqual({ status: 'cancelled' });
  });

  it('refunds in several partials by our refund ids, repeats answered alike, never past the payment', async () => {
    const { charge, payment } = await paid(1990);
    const refund = (refundId: string, amount: number) =>
      adapter.refund({ providerRef: charge.providerRef, paymentId: payment.id, refundId, amount, account });
    expect(await refund('rfd_ame_1', 500)).toEqual({ status: 'succeeded' });
    expect(await refund('rfd_ame_1', 500)).toEqual({ status: 'succeeded' });
    expect(emulator.ledger.getTransaction(payment.id).refunds).toHaveLength(1);
    await expect(refund('rfd_ame_2', 1491)).rejects.toMatchObject({ name: 'ProviderRejected' });
    expect(await refund('rfd_ame_2', 1490)).toEqual({ status: 'succeeded' });
    expect(emulator.ledger.getTransaction(payment.id)).toMatchObject({ status: 'REFUNDED', amountRefunded: 1990 });
    const events = await notify();
    expect(events.filter((e) => e.kind === 'refund')).toEqual([
      { kind: 'refund', providerRef: charge.providerRef, refundId: 'rfd_ame_1', state: { status: 'succeeded' } },
      { kind: 'refund', providerRef: charge.providerRef, refundId: 'rfd_ame_2', state: { status: 'succeeded' } },
    ]);
  });

  it('reports a refund Ame denies as failed', async () => {
    const charge = await create();
    const payment = await emulator.pay(charge.providerRef, { refunds: 'fail' });
    await notify();
    const state = await adapter.refund({
      providerRef: charge.providerRef,
      paymentId: payment.id,
      refundId: 'rfd_ame_denied',
      amount: 1990,
      account,
    });
    expect(state).toEqual({ status: 'failed', reason: 'Ame answered the refund DENIED' });
  });

  it('turns Ame’s 5xx into ProviderUnavailable, and works again once Ame is back', async () => {
    const charge = await create();
    emulator.fail({ status: 503 });
    await expect(adapter.getCharge({ providerRef: charge.providerRef, account })).rejects.toMatchObject({
      name: 'ProviderUnavailable',
    });
    await expect(create()).rejects.toMatchObject({ name: 'ProviderUnavailable' });
    emulator.heal();
    expect(await adapter.getCharge({ providerRef: charge.providerRef, account })).toEqual({ status: 'pending' });
  });

  it('pays through the emulator’s control in the test environment only, and tests the connection for real', async () => {
    const charge = await create();
    expect(await adapter.simulatePayment?.({ providerRef: charge.providerRef, account })).toBe(true);
    expect(await adapter.getCharge({ providerRef: charge.providerRef, account })).toMatchObject({ status: 'paid' });
    const atAme = { ...account, config: { client_id: CLIENT_ID, client_secret: CLIENT_SECRET } };
    expect(await adapter.simulatePayment?.({ providerRef: charge.providerRef, account: atAme })).toBe(false);

    const tokens = emulator.tokensIssued;
    await adapter.testConnection?.(account);
    expect(emulator.tokensIssued).toBe(tokens + 1);
    const wrong = { ...account, id: 'pac_wrong', config: { ...account.config, client_secret: 'wrong' } };
    await expect(adapter.testConnection?.(wrong)).rejects.toMatchObject({ name: 'ProviderAuthFailed' });
  });
});
