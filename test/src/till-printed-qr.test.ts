import { createPixBcbAdapter, type Gateway, ManualClock, startGateway } from '@tillgate/gateway';
import { parseBRCode } from '@tillgate/sdk/pix';
import type { Order, Till } from '@tillgate/sdk/protocol';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ref } from './support/api.js';
import { backends, type Storage } from './support/backends.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';
import { locationOf, printedQrTill } from './support/printed-qr.js';
import { type PixUnderTest, pixProvider, suitePixGateway, txidOf } from './support/providers.js';

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`a till's printed Pix QR on the emulator, on ${backend.name}`, () => {
    let t!: TestGateway, token!: string, p!: PixUnderTest;
    suitePixGateway(backend, (suite) => {
      ({ t, token, p } = suite);
    });
    let app: string;
    let tillId: string;
    let printed: string;

    beforeAll(async () => {
      app = await t.api.appToken();
      tillId = t.demo.tills[0]?.id as string;
    });

    const { setMode, printedQr, create } = printedQrTill(() => ({ api: t.api, app, token, tillId }), 'pix');
    const statusOf = async (o: Order) => (await t.api.order(token, o.id)).status;
    /** A payer scans the printed code: the bank reads its location and pays the charge linked there now. */
    const payPrinted = () => p.emulator.pay(p.emulator.txidAt(locationOf(printed)), {});
    const devolucoesOf = (txid: string) =>
      p.emulator.ledger.getCob(txid).pix?.map((pix) => pix.devolucoes.map((d) => d.status).join(',')) ?? [];

    it('refuses static at a till none of whose wallets prints a QR, and a printed QR of such a wallet', async () => {
      const store = await t.api.call<{ id: string }>('POST', '/v1/stores', { token: app, body: { name: 'Sem Pix' } });
      const till = await t.api.call<Till>('POST', '/v1/tills', {
        token: app,
        body: { store_id: store.body.id, name: 'Balcão', category: 'physical' },
      });
      const refused = await setMode('static', till.body.id);
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'qr_mode_unsupported', errors: [{ field: 'qr_mode' }] });
      // The demo till's PicPay is the sandbox's, which has no static mode.
      const picpay = await printedQr('picpay');
      expect(picpay.body).toMatchObject({ code: 'qr_mode_unsupported', errors: [{ field: 'wallet' }] });
      expect((await setMode('sometimes')).body).toMatchObject({ code: 'validation_failed' });
    });

    it('static: two orders in a row through one printed code; the current one is paid', async () => {
      const patched = await setMode('static');
      expect([patched.status, patched.body.qr_mode]).toEqual([200, 'static']);
      const qr = await printedQr();
      expect(qr.status).toBe(200);
      expect(qr.body).toMatchObject({ mode: 'static', wallet: 'pix' });
      printed = qr.body.qr_code_text;
      expect(parseBRCode(printed).usage).toBeUndefined();

      const first = await create(1990);
      const second = await create(2500);
      expect([first.qr_code_text, second.qr_code_text]).toEqual([printed, printed]);
      // The PSP serves the location's payload: the second order's charge, the first one unlinked.
      const jws = await (await fetch(`http://${locationOf(printed)}`)).text();
      const payload = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8'));
      expect(payload).toMatchObject({ txid: txidOf(second), valor: { original: '25.00' } });
      expect(p.emulator.ledger.getCob(txidOf(first))).not.toHaveProperty('location');

      await payPrinted();
      await expect.poll(() => statusOf(second)).toBe('approved');
      expect(await statusOf(first)).toBe('pending');
      expect((await printedQr()).body.qr_code_text).toBe(printed);

      const png = await t.api.call('GET', `/v1/tills/${tillId}/qr.png?wallet=pix&size=128`, { token: app });
      const svg = await t.api.call('GET', `/v1/tills/${tillId}/qr.svg?wallet=pix`, { token: app });
      const pdf = await t.api.call('GET', `/v1/tills/${tillId}/qr.pdf?wallet=pix`, { token: app });
      expect([png.status, png.contentType, svg.status]).toEqual([200, 'image/png', 200]);
      expect([pdf.status, pdf.contentType]).toEqual([200, 'application/pdf']);
      expect(svg.contentType).toMatch(/^image\/svg\+xml/);
    });

    it('a payment through the printed code with no order pending is returned to the payer', async () => {
      const paid = p.emulator.txidAt(locationOf(printed));
      await payPrinted();
      await expect.poll(() => devolucoesOf(paid)).toEqual(['', 'DEVOLVIDO']);
      const order = (
        await t.api.call<{ data: Order[] }>('GET', '/v1/orders?amount_min=2500&amount_max=2500', {
          token,
        })
      ).body.data[0];
      expect(order).toMatchObject({ status: 'approved', late_payment: { reason: 'duplicate' } });
    });

    it("hybrid: the order's own code and the printed one both pay; the second payment is refunded", async () => {
      expect((await setMode('hybrid')).body.qr_mode).toBe('hybrid');
      const order = await create(1500);
      expect(order.qr_code_text).not.toBe(printed);
      expect(locationOf(order.qr_code_text)).not.toBe(locationOf(printed));

      const throughPrinted = p.emulator.txidAt(locationOf(printed));
      expect(throughPrinted).not.toBe(txidOf(order));
      // Both payers pay before the gateway hears of either: once it does, the unpaid code is removed.
      p.emulator.setWebhookMode('never');
      const first = await p.emulator.pay(throughPrinted, {});
      const second = await p.emulator.pay(txidOf(order), {});
      p.emulator.setWebhookMode('once');
      await p.emulator.webhooks.notify(p.linked.pixKey, [first]);
      await expect.poll(() => statusOf(order)).toBe('approved');
      await p.emulator.webhooks.notify(p.linked.pixKey, [second]);
      await expect.poll(() => devolucoesOf(txidOf(order))).toEqual(['DEVOLVIDO']);
      const after = await t.api.order(token, order.id);
      expect(after).toMatchObject({ status: 'approved', late_payment: { reason: 'duplicate' } });
      expect(after.payment?.provider_payment_id).toBe(p.emulator.ledger.getCob(throughPrinted).pix?.[0]?.endToEndId);
    });

    const REMOVED = 'REMOVIDA_PELO_USUARIO_RECEBEDOR';
    const cobStatus = (txid: string) => p.emulator.ledger.getCob(txid).status;

    it("hybrid: paid through the printed code, the order's own code is removed at the PSP, and the other way round", async () => {
      const viaPrinted = await create(1200);
      const printedCharge = p.emulator.txidAt(locationOf(printed));
      await payPrinted();
      await expect.poll(() => statusOf(viaPrinted)).toBe('approved');
      await expect.poll(() => cobStatus(txidOf(viaPrinted))).toBe(REMOVED);
      expect(cobStatus(printedCharge)).toBe('CONCLUIDA');

      const viaOwn = await create(1300);
      const twin = p.emulator.txidAt(locationOf(printed));
      expect(twin).not.toBe(printedCharge);
      await p.emulator.pay(txidOf(viaOwn), {});
      await expect.poll(() => statusOf(viaOwn)).toBe('approved');
      await expect.poll(() => cobStatus(twin)).toBe(REMOVED);
      // A payer scanning the printed code now finds nothing to pay.
      await expect(payPrinted()).rejects.toThrow();
      expect((await t.api.order(token, viaOwn.id)).late_payment).toBeNull();
    });

    it("hybrid: a cancelled or expired order's two codes are both removed at the PSP", async () => {
      const cancelled = await create(1400);
      const cancelledTwin = p.emulator.txidAt(locationOf(printed));
      const r = await t.api.call<Order>('POST', `/v1/orders/${cancelled.id}/cancel`, { token });
      expect(r.body.status).toBe('cancelled');
      await expect.poll(() => [cobStatus(txidOf(cancelled)), cobStatus(cancelledTwin)]).toEqual([REMOVED, REMOVED]);

      const r2 = await t.api.createOrder(token, { order_ref: ref(), wallet: 'pix', amount: 1450, expires_in: 60 });
      expect(r2.status).toBe(201);
      const expiring = r2.body;
      const expiringTwin = p.emulator.txidAt(locationOf(printed));
      t.clock.advance(61_000);
      await expect.poll(() => statusOf(expiring)).toBe('expired');
      await expect.poll(() => [cobStatus(txidOf(expiring)), cobStatus(expiringTwin)]).toEqual([REMOVED, REMOVED]);
    });

    it("hybrid: the reconciler reads the printed code's charge too, and finds a payment whose notification was lost", async () => {
      const order = await create(1600);
      const twin = p.emulator.txidAt(locationOf(printed));
      p.emulator.setWebhookMode('never');
      try {
        await payPrinted();
        expect(await statusOf(order)).toBe('pending');
        const record = await t.gateway.deps.orders.find(order.id);
        if (!record) throw new Error('order not stored');
        await t.gateway.deps.reconciler.reconcile(record);
      } finally {
        p.emulator.setWebhookMode('once');
      }
      const after = await t.api.order(token, order.id);
      expect(after.status).toBe('approved');
      expect(after.payment?.provider_payment_id).toBe(p.emulator.ledger.getCob(twin).pix?.[0]?.endToEndId);
      await expect.poll(() => cobStatus(txidOf(order))).toBe(REMOVED);
    });

    it('back to dynamic: the printed code charges nothing, and orders show their own codes', async () => {
      expect((await setMode('dynamic')).body.qr_mode).toBe('dynamic');
      expect(() => p.emulator.txidAt(locationOf(printed))).toThrow();
      const order = await create(990);
      expect(order.qr_code_text).not.toBe(printed);
    });
  });
}

const postgres = (await backends()).find((b) => b.name === 'postgres');

/** Two instances on one PostgreSQL relink one printed QR in turn: it charges exactly one order, the last one stored. */
describe.skipIf(!postgres || postgres.unavailable)('a static till relinked by two instances at once', () => {
  let storage: Storage;
  let t: TestGateway;
  let second: Gateway;
  let p: PixUnderTest;

  beforeAll(async () => {
    storage = await (postgres as NonNullable<typeof postgres>).create();
    // Deadlines loose enough for a busy machine: the point here is the turn-taking, not a slow PSP.
    const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
    const adapter = (clock: ManualClock) => createPixBcbAdapter({ log, clock, timeoutMs: 5_000, retries: 1 });
    const clock = new ManualClock(new Date('2026-06-01T12:00:00Z'));
    t = await startTestGateway(storage, { clock, adapters: [adapter(clock)], providerTimeoutMs: 5_000 });
    second = await startGateway({
      databaseUrl: storage.databaseUrl,
      port: 0,
      log,
      workerIntervalMs: 100,
      clock: t.clock,
      adapters: [adapter(t.clock)],
      providerTimeoutMs: 5_000,
    });
    p = await pixProvider(t, 'bb');
  });
  afterAll(async () => {
    await p?.close();
    await second?.close();
    await t?.close();
    await storage?.drop();
  });

  it('leaves exactly one charge linked to the printed QR, the current order’s', async () => {
    const app = await t.api.appToken();
    const tillId = t.demo.tills[0]?.id as string;
    const token = await t.api.tillToken(0);
    const till = printedQrTill(() => ({ api: t.api, app, token, tillId }), 'pix');
    const mode = await till.setMode('static');
    expect(mode.body.qr_mode).toBe('static');
    const printed = (await till.printedQr()).body.qr_code_text;
    const apis = [t.api, new ApiClient(second.url, t.demo)];

    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (apis[i % 2] as ApiClient).createOrder(token, { order_ref: ref(), wallet: 'pix', amount: 1000 + i }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const orders = answers.map((a) => a.body);
    expect(new Set(orders.map((o) => o.qr_code_text))).toEqual(new Set([printed]));

    // At the PSP: the printed QR's location serves one charge, and no other order's charge has a location.
    const linked = p.emulator.txidAt(locationOf(printed));
    const withLocation = orders.filter((o) => p.emulator.ledger.getCob(txidOf(o)).loc !== undefined);
    expect(withLocation.map(txidOf)).toEqual([linked]);
    // The gateway's record agrees, and it is the order stored last.
    const row = await t.gateway.db.knex('till_fixed_qrs').where({ till_id: tillId }).first();
    const current = orders.find((o) => txidOf(o) === linked) as Order;
    expect(row).toMatchObject({ linked_charge_ref: linked, linked_order_id: current.id, link_holder: null });
    const created = (await t.api.events(token)).filter(
      (e) => e.type === 'order.created' && orders.some((o) => o.id === e.data.order.id),
    );
    expect(created.at(-1)?.data.order.id).toBe(current.id);

    await p.emulator.pay(linked, {});
    await expect.poll(async () => (await t.api.order(token, current.id)).status).toBe('approved');
  });
});
