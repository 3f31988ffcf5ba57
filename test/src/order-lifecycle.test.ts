import { issueAppCredential } from '@tillgate/gateway';
import type { Order, Refund } from '@tillgate/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { isProblem, ref } from './support/api.js';
import { backends } from './support/backends.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`order life cycle over HTTP on ${backend.name}`, () => {
    let t!: TestGateway;
    let token!: string;
    suiteGateway(backend, {}, (suite) => {
      ({ t, token } = suite);
    });

    const create = (body: Record<string, unknown> = {}, key?: string) =>
      t.api.createOrder(token, { order_ref: ref(), wallet: 'pix', amount: 1990, ...body }, key);

    it('creates a one-hour pending order with a valid dynamic BR Code', async () => {
      const r = await create({ items: [{ title: 'Café', quantity: 2, unit_amount: 995 }] });
      expect(r.status).toBe(201);
      const o = r.body;
      expect(o).toMatchObject({
        status: 'pending',
        amount: 1990,
        refunded_amount: 0,
        wallet: 'pix',
        environment: 'test',
        payment: null,
      });
      expect(Date.parse(o.expires_at) - Date.parse(o.created_at)).toBe(3600_000);
      expect(o.qr_code_text).toMatch(/^00020101021226\d\d0014br\.gov\.bcb\.pix25/);
      const { parseBRCode } = await import('@tillgate/sdk/pix');
      expect(parseBRCode(o.qr_code_text).kind).toBe('dynamic');
      expect(o.client_secret.startsWith(`${o.id}_secret_`)).toBe(true);
    });

    it('pays, refunds twice partially, then refunds the rest', async () => {
      const o = (await create()).body;
      const paid = await t.api.pay(token, o.id);
      expect(paid.body).toMatchObject({ status: 'approved', paid_at: expect.any(String) });
      expect(paid.body.payment?.paid_amount).toBe(1990);
      expect(paid.body.payment?.provider_payment_id).toMatch(/^[A-Za-z0-9]{32}$/);

      const refund = (amount?: number) =>
        t.api.call<Refund>('POST', `/v1/orders/${o.id}/refunds`, {
          token,
          body: amount === undefined ? {} : { amount },
        });
      const r1 = await refund(500);
      const r2 = await refund(490);
      expect([r1.status, r2.status]).toEqual([201, 201]);
      expect([r1.body.status, r2.body.status]).toEqual(['succeeded', 'succeeded']);
      expect(await t.api.order(token, o.id)).toMatchObject({ status: 'partially_refunded', refunded_amount: 990 });

      const over = await refund(1001);
      expect(over.status).toBe(409);
      expect(isProblem(over)).toBe(true);
      expect(over.body).toMatchObject({ code: 'refund_exceeds_available' });

      const rest = await refund();
      expect(rest.body).toMatchObject({ amount: 1000, status: 'succeeded' });
      expect(await t.api.order(token, o.id)).toMatchObject({ status: 'refunded', refunded_amount: 1990 });
      const nothing = await refund();
      expect(nothing.status).toBe(409);
      expect(nothing.body).toMatchObject({ code: 'order_not_refundable' });

      const list = await t.api.call<{ data: Refund[] }>('GET', `/v1/orders/${o.id}/refunds`, { token });
      expect(list.body.data.map((r) => r.amount)).toEqual([500, 490, 1000]);
    });

    it('announces an approval with the order exactly as the API answers for it', async () => {
      const o = (
        await create({ items: [{ title: 'Coxinha', quantity: 1, unit_amount: 1990 }], metadata: { caixa: '3' } })
      ).body;
      const paid = (await t.api.pay(token, o.id)).body;
      expect(paid.status).toBe('approved');
      const approved = (await t.api.events(token)).find((e) => e.type === 'order.approved' && e.data.order.id === o.id);
      expect(approved?.data.order).toEqual(paid);
      expect(approved?.data.order).toEqual(await t.api.order(token, o.id));
    });

    it('announces an expiry with the order exactly as the API answers for it', async () => {
      const o = (
        await create({
          expires_in: 60,
          items: [{ title: 'Pão de queijo', quantity: 2, unit_amount: 995 }],
          buyer: { name: 'Ana' },
          metadata: { caixa: '7' },
        })
      ).body;
      t.clock.advance(60_000);
      await expect.poll(async () => (await t.api.order(token, o.id)).status, { timeout: 5000 }).toBe('expired');
      const expired = (await t.api.events(token)).find((e) => e.type === 'order.expired' && e.data.order.id === o.id);
      expect(expired?.data.order).toEqual(await t.api.order(token, o.id));
    });

    it('expires an unpaid order once its hour is over, and removes it from further payment', async () => {
      const o = (await create({ expires_in: 60 })).body;
      t.clock.advance(60_000);
      await expect.poll(async () => (await t.api.order(token, o.id)).status, { timeout: 5000 }).toBe('expired');
      const late = await t.api.pay(token, o.id);
      expect(late.body.status).toBe('expired');
      expect(late.body.late_payment).toMatchObject({ reason: 'after_expiry', paid_amount: 1990 });
      const refunds = await t.api.call<{ data: Refund[] }>('GET', `/v1/orders/${o.id}/refunds`, { token });
      expect(refunds.body.data).toEqual([
        expect.objectContaining({ automatic: true, status: 'succeeded', amount: 1990 }),
      ]);
      const events = (await t.api.events(token)).filter((e) => e.data.order.id === o.id).map((e) => e.type);
      expect(events).toEqual([
        'order.created',
        'order.expired',
        'order.late_payment',
        'refund.created',
        'refund.succeeded',
      ]);
    });

    it('keeps a refund the provider refused as failed, and gives its amount back to refund', async () => {
      const o = (await create()).body;
      await t.api.pay(token, o.id, { refund_outcome: 'fail' });
      const r = await t.api.call<Refund>('POST', `/v1/orders/${o.id}/refunds`, { token, body: { amount: 1000 } });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ status: 'failed', failure_reason: expect.stringContaining('refused') });
      expect(await t.api.order(token, o.id)).toMatchObject({ status: 'approved', refunded_amount: 0 });
      const whole = await t.api.call<Refund>('POST', `/v1/orders/${o.id}/refunds`, { token, body: {} });
      expect(whole.body).toMatchObject({ amount: 1990, status: 'failed' });
      const types = (await t.api.events(token)).filter((e) => e.data.order.id === o.id).map((e) => e.type);
      expect(types).toEqual([
        'order.created',
        'order.approved',
        'refund.created',
        'refund.failed',
        'refund.created',
        'refund.failed',
      ]);
    });

    it('has no sandbox in the live environment', async () => {
      const liveApp = await issueAppCredential(
        t.gateway.deps.knex,
        'mer_DEMO0000000000000000000000',
        'live',
        'demo-app-live',
        new Date(),
      );
      const live = (await t.api.call<{ access_token: string }>('POST', '/v1/auth/app', { body: liveApp })).body;
      const o = (await create()).body;
      const r = await t.api.call('POST', `/v1/sandbox/orders/${o.id}/pay`, { token: live.access_token, body: {} });
      expect(r.status).toBe(404);
      // and a live token does not see test orders either
      expect((await t.api.call('GET', `/v1/orders/${o.id}`, { token: live.access_token })).status).toBe(404);
    });

    it('cancels a pending order, refuses to cancel a paid one', async () => {
      const o = (await create()).body;
      const c = await t.api.call<Order>('POST', `/v1/orders/${o.id}/cancel`, { token });
      expect(c.status).toBe(200);
      expect(c.body).toMatchObject({ status: 'cancelled', cancel_reason: 'requested' });
      const again = await t.api.call('POST', `/v1/orders/${o.id}/cancel`, { token });
      expect(again.status).toBe(409);

      const paid = (await create()).body;
      await t.api.pay(token, paid.id);
      const refused = await t.api.call('POST', `/v1/orders/${paid.id}/cancel`, { token });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'order_not_cancellable' });
    });

    it('replaces a pending order that has the same order_ref', async () => {
      const orderRef = ref('REPL');
      const a = (await create({ order_ref: orderRef })).body;
      const b = (await create({ order_ref: orderRef, amount: 2500 })).body;
      expect(await t.api.order(token, a.id)).toMatchObject({ status: 'cancelled', cancel_reason: 'replaced' });
      expect(await t.api.order(token, b.id)).toMatchObject({ status: 'pending', amount: 2500 });
    });

    it('replays a retried create with the same key and refuses the key with another body', async () => {
      const key = ref('KEY');
      const body = { order_ref: ref(), wallet: 'pix', amount: 700 };
      const [first, second] = await Promise.all([
        t.api.createOrder(token, body, key),
        t.api.createOrder(token, body, key),
      ]);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body.id).toBe(first.body.id);
      const third = await t.api.createOrder(token, body, key);
      expect(third.body.id).toBe(first.body.id);
      expect(third.headers.get('idempotent-replayed')).toBe('true');
      const other = await t.api.createOrder(token, { ...body, amount: 701 }, key);
      expect(other.status).toBe(422);
      expect(other.body).toMatchObject({ code: 'idempotency_key_mismatch' });
      const page = await t.api.call<{ data: Order[] }>('GET', `/v1/orders?q=${body.order_ref}`, { token });
      expect(page.body.data).toHaveLength(1);
    });

    it('lists with filters and stable cursor pages', async () => {
      const prefix = ref('LIST');
      const made: Order[] = [];
      for (let i = 0; i < 5; i++) {
        made.push((await create({ order_ref: `${prefix}-${i}`, amount: 100 + i })).body);
        t.clock.advance(1);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const qs: string = `q=${prefix}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await t.api.call<{ data: Order[]; next_cursor: string | null }>('GET', `/v1/orders?${qs}`, {
          token,
        });
        seen.push(...page.body.data.map((o) => o.id));
        cursor = page.body.next_cursor;
        if (seen.length === 2) await create({ order_ref: `${prefix}-late` });
      } while (cursor);
      expect(seen).toEqual(made.map((o) => o.id).reverse());
      const filtered = await t.api.call<{ data: Order[] }>(
        'GET',
        `/v1/orders?q=${prefix}&amount_min=102&amount_max=103&status=pending&wallet=pix`,
        { token },
      );
      expect(filtered.body.data.map((o) => o.amount)).toEqual([103, 102]);
    });

    it('answers bad input with problem+json naming the field, and writes nothing', async () => {
      const before = (await t.api.events(token)).length;
      const cases = [
        {
          r: await t.api.call('POST', '/v1/orders', { token, raw: '{"amount": 10,' }),
          status: 400,
          code: 'malformed_json',
        },
        { r: await create({ amount: 19.9 }), status: 422, code: 'validation_failed', field: 'amount' },
        { r: await create({ amount: '1990' }), status: 422, code: 'validation_failed', field: 'amount' },
        { r: await create({ amount: 0 }), status: 422, code: 'validation_failed', field: 'amount' },
        { r: await create({ surprise: 1 }), status: 422, code: 'validation_failed', field: 'surprise' },
        { r: await create({ wallet: 'bitcoin' }), status: 422, code: 'validation_failed', field: 'wallet' },
        { r: await create({ expires_in: 3601 }), status: 422, code: 'validation_failed', field: 'expires_in' },
        {
          r: await create({ items: [{ title: 'x', quantity: 1, unit_amount: 1 }] }),
          status: 422,
          code: 'items_total_mismatch',
          field: 'amount',
        },
        {
          r: await create({ buyer: { cpf_cnpj: '123' } }),
          status: 422,
          code: 'validation_failed',
          field: 'buyer.cpf_cnpj',
        },
        {
          r: await t.api.call('POST', '/v1/orders', { token, raw: JSON.stringify({ order_ref: 'x'.repeat(70_000) }) }),
          status: 413,
          code: 'payload_too_large',
        },
        { r: await t.api.call('GET', '/v1/orders/ord_nope', { token }), status: 400, code: 'invalid_id', field: 'id' },
        {
          r: await t.api.call('GET', '/v1/orders/ord_00000000000000000000000000', { token }),
          status: 404,
          code: 'not_found',
        },
        { r: await t.api.call('GET', '/v1/orders'), status: 401, code: 'unauthenticated' },
        { r: await t.api.call('GET', '/v1/orders', { token: 'garbage' }), status: 401, code: 'invalid_token' },
        {
          r: await t.api.call('GET', '/v1/orders?limit=1000', { token }),
          status: 422,
          code: 'validation_failed',
          field: 'query.limit',
        },
        { r: await t.api.call('GET', '/v1/nothing-here', { token }), status: 404, code: 'route_not_found' },
      ];
      for (const c of cases) {
        expect({ status: c.r.status, problem: isProblem(c.r) }, JSON.stringify(c.r.body)).toEqual({
          status: c.status,
          problem: true,
        });
        expect(c.r.body).toMatchObject({ code: c.code, type: `urn:tillgate:error:${c.code}` });
        if (c.field)
          expect((c.r.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(c.field);
      }
      expect((await t.api.events(token)).length).toBe(before);
    });

    it('keeps each till to its own orders and a client secret to its one order, read-only', async () => {
      const o = (await create()).body;
      const other = await t.api.tillToken(1);
      expect((await t.api.call('GET', `/v1/orders/${o.id}`, { token: other })).status).toBe(404);
      expect((await t.api.call('POST', `/v1/orders/${o.id}/cancel`, { token: other })).status).toBe(404);
      expect((await t.api.call('GET', `/v1/orders/${o.id}`, { token: o.client_secret })).status).toBe(200);
      expect((await t.api.call('POST', `/v1/orders/${o.id}/cancel`, { token: o.client_secret })).status).toBe(403);
      const second = (await create()).body;
      expect((await t.api.call('GET', `/v1/orders/${second.id}`, { token: o.client_secret })).status).toBe(404);
      const app = await t.api.appToken();
      expect((await t.api.call('GET', `/v1/orders/${o.id}`, { token: app })).status).toBe(200);
      const noTill = await t.api.createOrder(app, { order_ref: ref(), wallet: 'pix', amount: 100 });
      expect(noTill.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'till_id' }] });
      const viaApp = await t.api.createOrder(app, {
        order_ref: ref(),
        wallet: 'pix',
        amount: 100,
        till_id: t.demo.tills[1]?.id,
      });
      expect(viaApp.body).toMatchObject({ status: 'pending', till_id: t.demo.tills[1]?.id });
    });

    it('rotates refresh tokens and refuses a reused one', async () => {
      const login = await t.api.call<{ refresh_token: string; access_token: string }>('POST', '/v1/auth/app', {
        body: { app_name: t.demo.app_name, app_secret: t.demo.app_secret },
      });
      const first = login.body.refresh_token;
      const next = await t.api.call<{ refresh_token: string; access_token: string }>('POST', '/v1/auth/refresh', {
        token: first,
      });
      expect(next.status).toBe(200);
      expect((await t.api.call('GET', '/v1/orders', { token: next.body.access_token })).status).toBe(200);
      const reuse = await t.api.call('POST', '/v1/auth/refresh', { token: first });
      expect(reuse.status).toBe(401);
      expect(reuse.body).toMatchObject({ code: 'refresh_token_reused' });
      // the whole family is revoked once a stolen token shows up
      expect((await t.api.call('POST', '/v1/auth/refresh', { token: next.body.refresh_token })).status).toBe(401);
      const wrong = await t.api.call('POST', '/v1/auth/till', {
        body: { access_key: t.demo.access_key, secret_key: 'wrong', client_id: 'demo-caixa-01' },
      });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toMatchObject({ code: 'invalid_credentials' });
    });

    it('answers its probes and counts what it does in Prometheus metrics', async () => {
      await create();
      expect((await t.api.call('GET', '/healthz')).status).toBe(200);
      expect((await t.api.call('GET', '/readyz')).body).toMatchObject({ status: 'ready', database: true, bus: true });
      const metrics = await (await fetch(`${t.url}/metrics`)).text();
      expect(metrics).toMatch(/tillgate_http_requests_total\{method="POST",route="\/v1\/orders",status="201"\} \d+/);
      expect(metrics).toMatch(/tillgate_events_total\{type="order.created"\} \d+/);
      expect(metrics).toContain('tillgate_websocket_connections');
    });

    it('serves its OpenAPI document and reference page', async () => {
      const doc = await t.api.call<{ openapi: string; paths: Record<string, unknown> }>('GET', '/v1/openapi.json');
      expect(doc.body.openapi).toBe('3.1.0');
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining(['/v1/orders', '/v1/orders/{id}/refunds', '/v1/auth/till']),
      );
      const page = await fetch(`${t.url}/docs`);
      expect(await page.text()).toContain('/v1/orders/{id}/cancel');
      const svg = await fetch(`${t.url}/v1/orders/${(await create()).body.id}/qr.svg`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(await svg.text()).toContain('<svg');
    });
  });
}
