import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, ref } from './support/api.js';
import { backends } from './support/backends.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';

/**
 * The request sequences real Shipay clients make, replayed against `/compat/shipay`. Written from
 * their source, not from ours:
 * - ACBr `ACBrPIXPSPShipay.pas` (Autenticar, RenovarToken, GetWallets, DoPostOrder, DoGetOrderInfo,
 *   RefundOrder, DeleteOrder, GetOrdersList) and `ACBrShipaySchemas.pas` (TShipayOrderInfo, TShipayOrderError);
 * - Margh/shipay (PHP: `src/Shipay/Api.php`, the examples under `src/examples/orders/`).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHIPAY_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

type Body = Record<string, unknown>;

/** A PDV's callback receiver that, like ACBr's users do, reads the order back while handling the callback. */
class CallbackReader {
  readonly seen: { body: string; signature: string; statusRead: unknown }[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(read: (orderId: string) => Promise<Answer<Body>>): Promise<CallbackReader> {
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      const orderId = (JSON.parse(body) as { order_id: string }).order_id;
      const again = await read(orderId);
      reader.seen.push({
        body,
        signature: String(req.headers['tillgate-signature'] ?? ''),
        statusRead: again.body.status,
      });
      res.writeHead(again.status === 200 ? 200 : 500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const reader = new CallbackReader(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/shipay`);
    return reader;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const signed = (header: string, body: string, secret: string): boolean => {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  return !!m && createHmac('sha256', secret).update(`${m[1]}.${body}`).digest('hex') === m[2];
};

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`Shipay-compatible API on ${backend.name}`, () => {
    let t!: TestGateway;
    let callbackSecret = '';
    suiteGateway(backend, {}, (suite) => {
      ({ t } = suite);
    });

    const shipay = <T = Body>(method: string, path: string, options: Parameters<TestGateway['api']['call']>[2] = {}) =>
      t.api.call<T>(method, `/compat/shipay${path}`, options);

    /** ACBr `Autenticar`: the three keys in a JSON body. */
    const authenticate = async (till = 0) => {
      const r = await shipay('POST', '/pdvauth', {
        body: {
          access_key: t.demo.access_key,
          secret_key: t.demo.secret_key,
          client_id: t.demo.tills[till]?.client_id,
        },
      });
      expect(r.status).toBe(200);
      return r.body as { access_token: string; refresh_token: string; access_token_expires_in: number };
    };

    beforeAll(async () => {
      const app = await t.api.appToken();
      callbackSecret = (await t.api.call<{ secret: string }>('POST', '/v1/webhook-callback-secret', { token: app }))
        .body.secret;
    });

    const readers: CallbackReader[] = [];
    afterAll(async () => {
      await Promise.all(readers.map((r) => r.close()));
    });

    it('authenticates, renews with the refresh token as bearer and an empty body, and lists wallets as a bare array', async () => {
      const auth = await authenticate();
      expect(auth.access_token_expires_in).toBeGreaterThan(300);
      // Some clients decode the JWT for its expiry.
      const payload = JSON.parse(Buffer.from(auth.access_token.split('.')[1] ?? '', 'base64url').toString()) as Body;
      expect(typeof payload.exp).toBe('number');
      expect(auth).toMatchObject({ refresh_token: expect.any(String), refresh_token_expires_in: expect.any(Number) });

      // RenovarToken: `Authorization: Bearer <refresh_token>`, no body, no content type.
      const renewed = await shipay('POST', '/refresh-token', {
        headers: { authorization: `Bearer ${auth.refresh_token}` },
      });
      expect(renewed.status).toBe(200);
      expect(renewed.body).toMatchObject({
        access_token: expect.any(String),
        access_token_expires_in: expect.any(Number),
      });

      // GetWallets wraps the answer as `{"wallets": <answer>}`, so it must be an array with one wallet at least.
      const wallets = await shipay<Body[]>('GET', '/v1/wallets', { token: renewed.body.access_token as string });
      expect(wallets.status).toBe(200);
      expect(Array.isArray(wallets.body)).toBe(true);
      expect(wallets.body.length).toBeGreaterThan(0);
      for (const w of wallets.body)
        expect(Object.keys(w).sort()).toEqual(
          [
            'active',
            'friendly_name',
            'logo',
            'minimum_payment',
            'pix_dict_key',
            'pix_psp',
            'wallet',
            'wallet_setting_id',
            'wallet_setting_name',
          ].sort(),
        );
      expect(wallets.body.map((w) => w.wallet)).toContain('pix');
    });

    it('replays ACBr: create, poll, callback, partial refund, full refund', async () => {
      const { access_token: token } = await authenticate();
      const reader = await CallbackReader.start((id) => shipay('GET', `/order/${id}`, { token }));
      readers.push(reader);
      const orderRef = `${ref('PDV')}-acbr`;
      // DoPostOrder: ACBr's JSON writer prints Currency in exponent form; its default item; buyer's CNPJ/CPF
      // as the PDV has it; keys this gateway does not know (`allow_amount_change`) are ignored.
      const raw = `{"order_ref":"${orderRef}","wallet":"pix","total":1.0500000000000000E+001,"items":[{"item_title":"Item Vendido","quantity":1,"unit_price":1.0500000000000000E+001,"sku":"00001","ean":"2000010000002"}],"buyer":{"name":"Fulano de Tal","cpf_cnpj":"123.456.789-09","email":"","phone":""},"callback_url":"${reader.url}","expiration":3600,"allow_amount_change":false}`;
      const created = await shipay('POST', '/order', { token, raw });
      expect(created.status).toBe(201);
      expect(created.contentType).toMatch(/^application\/json/);
      const order = created.body as {
        order_id: string;
        status: string;
        qr_code: string;
        qr_code_text: string;
        tillgate_order_id: string;
      };
      expect(order.order_id).toMatch(UUID);
      expect(order).toMatchObject({ status: 'pending', wallet: 'pix', pix_psp: expect.any(String) });
      expect(order.qr_code.startsWith('data:image/png;base64,')).toBe(true);
      expect(Buffer.from(order.qr_code.slice(22), 'base64').subarray(1, 4).toString()).toBe('PNG');
      expect(order.qr_code_text).toMatch(/^000201/);
      expect(created.body).not.toHaveProperty('expiration_date');
      expect(order.tillgate_order_id).toMatch(/^ord_/);
      // The order is one of ours, in centavos, with the PDV's UUID.
      const ours = await t.api.order(token, order.tillgate_order_id);
      expect(ours).toMatchObject({ amount: 1050, order_ref: orderRef, buyer: { cpf_cnpj: '12345678909' } });
      expect(ours.metadata.shipay_order_id).toBe(order.order_id);

      // DoGetOrderInfo: the answer's order_id must equal the one asked, byte for byte.
      const polled = await shipay('GET', `/order/${order.order_id}`, { token });
      expect(polled.status).toBe(200);
      expect(polled.body).toMatchObject({
        order_id: order.order_id,
        external_id: orderRef,
        status: 'pending',
        total_order: 10.5,
        paid_amount: 0,
        wallet_payment_id: null,
      });
      expect(polled.body.created_at).toMatch(SHIPAY_TIME);

      expect((await t.api.pay(token, order.tillgate_order_id)).status).toBe(200);
      // The callback arrives after the commit: the receiver reading the order while handling it sees it approved.
      await expect.poll(() => reader.seen.some((s) => s.statusRead === 'approved'), { timeout: 10_000 }).toBe(true);
      for (const s of reader.seen) {
        expect(JSON.parse(s.body)).toEqual({ order_id: order.order_id });
        expect(signed(s.signature, s.body, callbackSecret)).toBe(true);
      }

      const paid = await shipay('GET', `/order/${order.order_id}`, { token });
      expect(paid.body).toMatchObject({ status: 'approved', paid_amount: 10.5, total_order: 10.5, balance: 1050 });
      expect(paid.body.wallet_payment_id).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(paid.body.payment_date).toMatch(SHIPAY_TIME);

      // RefundOrder: DELETE /order/{id}/refund with `{"amount": <reais>}` as a JSON body.
      const partial = await shipay('DELETE', `/order/${order.order_id}/refund`, { token, raw: '{"amount":2.5}' });
      expect(partial.status).toBe(200);
      expect(partial.body).toMatchObject({ order_id: order.order_id, status: 'partial_refunded', balance: 800 });
      const tooMuch = await shipay('DELETE', `/order/${order.order_id}/refund`, { token, body: { amount: '8.01' } });
      expect(tooMuch.status).toBe(409);
      expect(tooMuch.body).toEqual({ code: 409, message: expect.stringMatching(/estornado/) });
      // A body-less refund is the whole remaining amount.
      const rest = await shipay('DELETE', `/order/${order.order_id}/refund`, { token });
      expect(rest.status).toBe(200);
      expect(rest.body).toMatchObject({ order_id: order.order_id, status: 'refunded', balance: 0 });
      expect(await t.api.order(token, order.tillgate_order_id)).toMatchObject({
        status: 'refunded',
        refunded_amount: 1050,
      });
      await expect.poll(() => reader.seen.some((s) => s.statusRead === 'refunded'), { timeout: 10_000 }).toBe(true);
    });

    it('replays ACBr DeleteOrder: cancels a pending order and refunds an approved one in full', async () => {
      const { access_token: token } = await authenticate();
      // PostOrderV: `expiration` in seconds (a numeric string here, as some plugins send), status `pendingv`,
      // and `expiration_date`, after which a client reads it at /orderv/{id}.
      const v = await shipay('POST', '/orderv', {
        token,
        body: { order_ref: ref('V'), wallet: 'pix', total: '59.90', expiration: '600', client_key: 'x' },
      });
      expect(v.status).toBe(201);
      expect(v.body).toMatchObject({ status: 'pendingv', expiration_date: expect.stringMatching(SHIPAY_TIME) });
      const id = v.body.order_id as string;
      expect((await shipay('GET', `/orderv/${id}`, { token })).body).toMatchObject({
        order_id: id,
        status: 'pendingv',
      });
      // Either path answers for either kind of order.
      expect((await shipay('GET', `/order/${id}`, { token })).body).toMatchObject({ order_id: id, total_order: 59.9 });

      expect((await t.api.pay(token, v.body.tillgate_order_id as string)).status).toBe(200);
      const deleted = await shipay('DELETE', `/order/${id}`, { token });
      expect(deleted.status).toBe(200);
      // DeleteOrder is true when the status is cancelled or refunded.
      expect(deleted.body).toMatchObject({ order_id: id, status: 'refunded' });
      expect(await t.api.order(token, v.body.tillgate_order_id as string)).toMatchObject({ refunded_amount: 5990 });

      const pending = await shipay('POST', '/order', { token, body: { order_ref: ref('C'), wallet: 'pix', total: 3 } });
      const cancelled = await shipay('DELETE', `/order/${pending.body.order_id}`, { token });
      expect(cancelled.body).toMatchObject({ order_id: pending.body.order_id, status: 'cancelled' });
      const again = await shipay('DELETE', `/order/${pending.body.order_id}`, { token });
      expect(again.status).toBe(409);
      expect(again.body).toEqual({ code: 409, message: expect.any(String) });
    });

    it('takes what the plugins send: items that do not add up, numeric strings, no buyer or items', async () => {
      const { access_token: token } = await authenticate();
      // Shipping on top of the items.
      const shipping = await shipay('POST', '/order', {
        token,
        body: {
          order_ref: ref('W'),
          wallet: 'pix',
          total: 25,
          items: [{ item_title: 'Camiseta', quantity: '2', unit_price: '10.00' }],
          buyer: { name: 'Ana', cpf_cnpj: '12345678000195' },
        },
      });
      expect(shipping.status).toBe(201);
      const read = await shipay('GET', `/order/${shipping.body.order_id}`, { token });
      expect(read.body).toMatchObject({
        total_order: 25,
        items: [{ item_title: 'Camiseta', quantity: 2, unit_price: 10 }],
      });
      // The items add up to something else than the total: the order keeps the total and none of our items.
      expect((await t.api.order(token, shipping.body.tillgate_order_id as string)).items).toEqual([]);

      // The WooCommerce plugin (PaymentTransaction, PixTransaction): a line's total over its quantity as the
      // unit price, `allow_amount_change`, `expiration` ≥ 600 sent to /orderv, `x-shipay-order-type: e-order`.
      const woo = await shipay('POST', '/orderv', {
        token,
        headers: { 'x-shipay-order-type': 'e-order' },
        body: {
          buyer: { cpf_cnpj: '123.456.789-09', name: 'Ana Souza', email: 'ana@example.com', phone: '(11) 99999-0000' },
          callback_url: 'http://127.0.0.1:9/?wc-api=wc_shipay_payment_geteway',
          order_ref: 'wc_order_AbC123',
          total: '10.00',
          items: [{ item_title: 'Café', quantity: 3, unit_price: 10 / 3 }],
          allow_amount_change: false,
          wallet: 'pix',
          expiration: 1800,
        },
      });
      expect(woo.status).toBe(201);
      expect(woo.body).toMatchObject({ status: 'pendingv', expiration_date: expect.stringMatching(SHIPAY_TIME) });
      expect(await t.api.order(token, woo.body.tillgate_order_id as string)).toMatchObject({ amount: 1000, items: [] });

      // The Magento 1 module (CreateRequest, CartRequest): Magento's four-decimal text, quantities as "1.0000",
      // a "Shipping" line, the expiration from its settings as text.
      const magento = await shipay('POST', '/order', {
        token,
        body: {
          order_ref: '100000123',
          wallet: 'pix',
          total: '69.9000',
          items: [
            { item_title: 'Caneca', quantity: '1.0000', sku: 'CAN-1', unit_price: '59.9000' },
            { item_title: 'Shipping', quantity: '1', sku: 'Shipping', unit_price: '10.0000' },
          ],
          buyer: { name: 'Ana', cpf_cnpj: '12345678909', email: 'ana@example.com', phone: '11999990000' },
          expiration: '3600',
        },
      });
      expect(magento.status).toBe(201);
      expect(await t.api.order(token, magento.body.tillgate_order_id as string)).toMatchObject({
        amount: 6990,
        items: [
          { title: 'Caneca', quantity: 1, unit_amount: 5990, sku: 'CAN-1' },
          { title: 'Shipping', quantity: 1, unit_amount: 1000, sku: 'Shipping' },
        ],
      });
      // A retry with the same Idempotency-Key answers the same order, UUID included.
      const once = { order_ref: ref('I'), wallet: 'pix', total: '4.00' };
      const headers = { 'idempotency-key': `retry-${ref()}` };
      const first = await shipay('POST', '/order', { token, body: once, headers });
      const retry = await shipay('POST', '/order', { token, body: once, headers });
      expect(retry.status).toBe(201);
      expect(retry.body.order_id).toBe(first.body.order_id);
      expect(retry.body.tillgate_order_id).toBe(first.body.tillgate_order_id);
      // Margh/shipay's example: order_ref, wallet and total only.
      const bare = await shipay('POST', '/order', { token, body: { order_ref: ref('M'), wallet: 'pix', total: 0.51 } });
      expect(bare.status).toBe(201);
      expect(await t.api.order(token, bare.body.tillgate_order_id as string)).toMatchObject({ amount: 51, items: [] });
    });

    it("answers errors as Shipay's {code, message} in Portuguese, naming the field, never problem+json", async () => {
      const { access_token: token } = await authenticate();
      const body = { order_ref: ref('E'), wallet: 'pix', total: '10.505' };
      const rounding = await shipay('POST', '/order', { token, body });
      expect(rounding.status).toBe(422);
      expect(rounding.contentType).toMatch(/^application\/json/);
      expect(rounding.body).toEqual({ code: 422, message: expect.stringMatching(/^Campos inválidos: total/) });

      const noToken = await shipay('POST', '/order', { body: { ...body, total: 1 } });
      expect(noToken.body).toEqual({ code: 401, message: expect.any(String) });
      const badJson = await shipay('POST', '/order', { token, raw: '{"order_ref":' });
      expect(badJson.body).toEqual({ code: 400, message: expect.any(String) });
      const unknown = await shipay('GET', '/order/00000000-0000-4000-8000-000000000000', { token });
      expect(unknown.body).toEqual({ code: 404, message: 'Pedido não encontrado' });
      const notUuid = await shipay('GET', '/order/abc', { token });
      expect(notUuid.body).toEqual({ code: 404, message: 'Pedido não encontrado' });
      const route = await shipay('GET', '/nothing-here', { token });
      expect(route.body).toEqual({ code: 404, message: expect.any(String) });
      const badLogin = await shipay('POST', '/pdvauth', {
        body: { access_key: t.demo.access_key, secret_key: 'wrong', client_id: t.demo.tills[0]?.client_id },
      });
      expect(badLogin.body).toEqual({ code: 401, message: 'Credenciais inválidas' });

      // Another till's order reads as missing.
      const mine = await shipay('POST', '/order', { token, body: { ...body, total: 1 } });
      const other = await authenticate(1);
      const foreign = await shipay('GET', `/order/${mine.body.order_id}`, { token: other.access_token });
      expect(foreign.body).toEqual({ code: 404, message: 'Pedido não encontrado' });
    });

    it("never answers 500 to what a client may send, and always in Shipay's shape", async () => {
      const { access_token: token } = await authenticate();
      const good = { order_ref: ref('F'), wallet: 'pix', total: 1 };
      const bodies: unknown[] = [
        [],
        {},
        { ...good, total: null },
        { ...good, total: {} },
        { ...good, total: '1e400' },
        { ...good, total: 1e308 },
        { ...good, total: -1 },
        { ...good, total: '' },
        { ...good, total: 'NaN' },
        { ...good, wallet: 'bitcoin' },
        { ...good, wallet: 7 },
        { ...good, order_ref: 123 },
        { ...good, order_ref: 'a\u0000b' },
        { ...good, order_ref: 'x'.repeat(500) },
        { ...good, items: 'x' },
        { ...good, items: [{ quantity: 1e308, unit_price: 1 }] },
        { ...good, items: [{ quantity: 1, unit_price: '1,50' }] },
        { ...good, items: [null] },
        { ...good, buyer: 'Ana' },
        { ...good, buyer: { cpf_cnpj: '123' } },
        { ...good, buyer: { email: 'not-an-email' } },
        { ...good, callback_url: 'ftp://x' },
        { ...good, callback_url: 'javascript:alert(1)' },
        { ...good, expiration: -5 },
        { ...good, expiration: 'amanhã' },
        { ...good, expiration: 1e308 },
      ];
      for (const body of bodies) {
        for (const path of ['/order', '/orderv']) {
          const r = await shipay('POST', path, { token, body });
          expect(r.status, JSON.stringify(body)).toBeLessThan(500);
          expect(r.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
          expect(r.body, JSON.stringify(body)).toEqual({ code: r.status, message: expect.any(String) });
        }
      }
      const order = (await shipay('POST', '/order', { token, body: good })).body.order_id as string;
      for (const amount of [0, -1, '0.001', 'x', null, {}, 1e308])
        expect((await shipay('DELETE', `/order/${order}/refund`, { token, body: { amount } })).status).toBeLessThan(
          500,
        );
      const odd = ['%E0%A4%A', 'x'.repeat(300), '00000000-0000-0000-0000-00000000000g', '..%2F..%2Fetc'];
      for (const id of odd) {
        for (const [method, path] of [
          ['GET', `/order/${id}`],
          ['GET', `/orderv/${id}`],
          ['DELETE', `/order/${id}`],
          ['DELETE', `/order/${id}/refund`],
        ] as const) {
          const r = await shipay(method, path, { token });
          expect(r.status, `${method} ${path}`).toBeLessThan(500);
          expect(r.body).toEqual({ code: r.status, message: expect.any(String) });
        }
      }
      for (const query of ['start_date=ontem', 'start_date=2026-02-30T00:00:00', 'limit=-1', 'limit=1e3', 'offset=abc'])
        expect((await shipay('GET', `/orders/list?${query}`, { token })).status, query).toBe(422);
      const doc = await t.api.call<{ paths: Record<string, unknown> }>('GET', '/compat/shipay/openapi.json');
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining(['/compat/shipay/pdvauth', '/compat/shipay/order/{order_id}/refund']),
      );
    });

    it('tells a Shipay client an unpaid order expired', async () => {
      const { access_token: token } = await authenticate();
      const r = await shipay('POST', '/orderv', {
        token,
        body: { order_ref: ref('X'), wallet: 'pix', total: 2, expiration: 60 },
      });
      t.clock.advance(61_000);
      const next = await authenticate();
      await expect
        .poll(
          async () => (await shipay('GET', `/orderv/${r.body.order_id}`, { token: next.access_token })).body.status,
          {
            timeout: 10_000,
          },
        )
        .toBe('expired');
    });

    it('lists with both parameter spellings as {count, offset, total, data}', async () => {
      const { access_token: token } = await authenticate(1);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await shipay('POST', '/order', { token, body: { order_ref: ref('L'), wallet: 'pix', total: 1 + i } });
        ids.push(r.body.order_id as string);
        t.clock.advance(1000);
      }
      // GetOrdersList: start_date as ACBr cuts DateTimeToIso8601 (no milliseconds, no offset).
      const page = await shipay<{ count: number; offset: number; total: number; data: Body[] }>(
        'GET',
        '/orders/list?start_date=2026-06-01T00:00:00&limit=2&offset=1',
        { token },
      );
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ count: 2, offset: 1, total: 3 });
      expect(page.body.data.map((o) => o.order_id)).toEqual([ids[1], ids[0]]);
      expect(page.body.data[0]).toMatchObject({
        order_created_at: expect.stringMatching(SHIPAY_TIME),
        order_expiration_date: expect.stringMatching(SHIPAY_TIME),
        total_order: 2,
      });
      const pt = await shipay<{ count: number; total: number; data: Body[] }>(
        'GET',
        '/orders/list?inicio=2026-06-01&fim=2026-06-30T23:59:59&paginacao.paginaAtual=1&paginacao.itensPorPagina=1',
        { token },
      );
      expect(pt.body).toMatchObject({ count: 1, total: 3 });
      expect(pt.body.data[0]?.order_id).toBe(ids[2]);
      const later = await shipay('GET', '/orders/list?start_date=2026-07-01T00:00:00', { token });
      expect(later.body).toMatchObject({ count: 0, total: 0, data: [] });
    });
  });
}
