import { isIP } from 'node:net';
import { DEMO_MERCHANT_ID, issueAppCredential } from '@tillgate/gateway';
import type { WebhookDeliveryView, WebhookEndpointView } from '@tillgate/sdk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { backends, type Storage } from './support/backends.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';
import { PanelSession } from './support/panel.js';
import { Receiver } from './support/receiver.js';

/** Internal everywhere: refused in live and in test. None of these is ever delivered to. */
const INTERNAL = [
  'http://0.0.0.0:6379/',
  'http://0:6379/',
  'http://10.0.0.1/hook',
  'http://172.16.0.1/hook',
  'http://192.168.1.1/hook',
  'http://100.64.0.1/hook',
  'http://169.254.169.254/latest/meta-data/',
  'http://2852039166/latest/meta-data/',
  'http://[::ffff:169.254.169.254]/',
  'http://[::ffff:10.0.0.1]/hook',
  'http://[fd00::1]/hook',
  'http://[fe80::1]/hook',
  'http://224.0.0.1/hook',
  'http://255.255.255.255/hook',
  'http://240.0.0.1/hook',
];
/** Loopback in its spellings: refused in live, allowed in test (a developer's local receiver). */
const LOOPBACK = [
  'http://127.0.0.1:5432/',
  'http://[::1]:5432/',
  'http://2130706433:6379/',
  'http://0177.0.0.1:6379/',
  'http://0x7f.1:6379/',
  'http://127.1:6379/',
  'http://[::ffff:127.0.0.1]:6379/',
  'http://localhost:5432/',
];

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`the outbound address policy on ${backend.name}`, () => {
    let storage: Storage;
    let t: TestGateway;
    let live: string;
    const receivers: Receiver[] = [];
    /** The only "DNS" the gateway sees here: names the test controls, never a real lookup. */
    const names = new Map<string, string[]>();

    beforeAll(async () => {
      storage = await backend.create();
      // The tests drive the dispatcher themselves.
      t = await startTestGateway(storage, {
        webhookTimeoutMs: 2000,
        workerIntervalMs: 3_600_000,
        outboundResolve: async (hostname) => {
          const addresses = names.get(hostname);
          if (!addresses) throw Object.assign(new Error(`no such name ${hostname}`), { code: 'ENOTFOUND' });
          return addresses.map((address) => ({ address, family: isIP(address) }));
        },
      });
      const credential = await issueAppCredential(
        t.gateway.db.knex,
        DEMO_MERCHANT_ID,
        'live',
        'outbound-live',
        t.clock.now(),
      );
      live = (await t.api.call<{ access_token: string }>('POST', '/v1/auth/app', { body: credential })).body
        .access_token;
    });
    afterAll(async () => {
      await Promise.all(receivers.map((r) => r.close()));
      await t?.close();
      await storage?.drop();
    });

    const register = (token: string, url: string, events = ['refund.succeeded']) =>
      t.api.call<WebhookEndpointView>('POST', '/v1/webhook-endpoints', { token, body: { url, events } });
    const expectRefused = (r: { status: number; body: unknown }, field: string) => {
      expect(r.status, JSON.stringify(r.body)).toBe(422);
      expect(r.body).toMatchObject({ code: 'validation_failed', errors: [{ field }] });
    };
    const counting = async (answer: (n: number) => { status: number; headers?: Record<string, string> }) => {
      const r = await Receiver.start(() => undefined, answer);
      receivers.push(r);
      return r;
    };
    const latestDelivery = async (endpointId: string) => {
      const list = await t.api.call<{ data: WebhookDeliveryView[] }>(
        'GET',
        `/v1/webhook-deliveries?endpoint_id=${endpointId}`,
        { token: await t.api.appToken() },
      );
      const newest = list.body.data[0] as WebhookDeliveryView;
      return (
        await t.api.call<WebhookDeliveryView>('GET', `/v1/webhook-deliveries/${newest.id}`, {
          token: await t.api.appToken(),
        })
      ).body;
    };
    const dispatch = () => t.gateway.deps.webhooks.deliverDue();
    const disable = async (id: string) =>
      expect(
        (await t.api.call('POST', `/v1/webhook-endpoints/${id}/disable`, { token: await t.api.appToken() })).status,
      ).toBe(200);

    it.each(INTERNAL)('refuses to register %s, in live and in test', async (url) => {
      expectRefused(await register(live, url), 'url');
      expectRefused(await register(await t.api.appToken(), url), 'url');
    });

    it.each(LOOPBACK)('refuses %s in live, and takes it in test', async (url) => {
      expectRefused(await register(live, url), 'url');
      const taken = await register(await t.api.appToken(), url);
      expect(taken.status).toBe(201);
      // never delivered to: these ports are PostgreSQL's and Redis's
      await disable(taken.body.id);
    });

    it('applies to a panel user as to an app', async () => {
      const panel = await PanelSession.logIn(t.api, t.demo.panel_email, t.demo.panel_password);
      const add = (url: string) =>
        panel.call('POST', '/v1/webhook-endpoints', { body: { url, events: ['refund.succeeded'] } });
      expectRefused(await add('http://169.254.169.254/'), 'url');
      expect(
        (await panel.call('POST', '/v1/panel/session/environment', { body: { environment: 'live' } })).status,
      ).toBe(200);
      expectRefused(await add('http://2130706433:5432/'), 'url');
    });

    it("refuses an order's callback_url at an internal address, from a till and from a live app", async () => {
      const till = await t.api.tillToken(0);
      for (const url of ['http://10.0.0.1/cb', 'http://[::ffff:a9fe:a9fe]/', 'http://0.0.0.0:3000/v1/panel/logout']) {
        const r = await t.api.createOrder(till, {
          order_ref: ref('CB'),
          wallet: 'pix',
          amount: 100,
          callback_url: url,
        });
        expectRefused(r, 'callback_url');
      }
      const liveOrder = await t.api.createOrder(live, {
        order_ref: ref('CB'),
        wallet: 'pix',
        amount: 100,
        till_id: t.demo.tills[0]?.id,
        callback_url: 'http://127.0.0.1:5432/',
      });
      expectRefused(liveOrder, 'callback_url');
      // nothing was written for the refused orders
      const rows = await t.gateway.db
        .knex('orders')
        .whereNotNull('callback_url')
        .count<{ count: string }[]>('* as count');
      expect(Number(rows[0]?.count)).toBe(0);
    });

    it('checks a name again at delivery, on every address it resolves to, and reports no probe result', async () => {
      const hook = await counting(() => ({ status: 204 }));
      const port = new URL(hook.url).port;
      names.set('hooks.shop.test', ['127.0.0.1']);
      const endpoint = await register(await t.api.appToken(), `http://hooks.shop.test:${port}/hook`, ['order.created']);
      expect(endpoint.status).toBe(201);
      // A second apart, so the newest delivery is the order's just made (no retry falls due in between).
      const order = async () => {
        t.clock.advance(1000);
        await t.api.createOrder(await t.api.tillToken(0), { order_ref: ref('RB'), wallet: 'pix', amount: 100 });
      };

      await order();
      await dispatch();
      expect(await latestDelivery(endpoint.body.id)).toMatchObject({ status: 'succeeded', last_status_code: 204 });
      expect(hook.received).toHaveLength(1);

      // The name now points inside (DNS rebinding), alone or beside an allowed address.
      for (const addresses of [['10.0.0.1'], ['127.0.0.1', '169.254.169.254'], ['::ffff:192.168.0.1']]) {
        names.set('hooks.shop.test', addresses);
        await order();
        await dispatch();
        const refused = await latestDelivery(endpoint.body.id);
        expect(refused).toMatchObject({
          status: 'pending',
          last_status_code: null,
          last_error: 'refused: internal address',
        });
        expect(refused.attempt_log).toEqual([
          expect.objectContaining({ status_code: null, error: 'refused: internal address' }),
        ]);
      }
      expect(hook.received).toHaveLength(1);
      await disable(endpoint.body.id);
    });

    it('refuses at delivery an endpoint stored before the policy', async () => {
      const endpoint = await register(await t.api.appToken(), 'http://127.0.0.1:9/hook', ['order.created']);
      await t.gateway.db.knex('webhook_endpoints').where({ id: endpoint.body.id }).update({ url: 'http://10.0.0.1/' });
      await t.api.createOrder(await t.api.tillToken(0), { order_ref: ref('OLD'), wallet: 'pix', amount: 100 });
      await t.gateway.db
        .knex('webhook_deliveries')
        .where({ endpoint_id: endpoint.body.id })
        .update({ url: 'http://10.0.0.1/' });
      await dispatch();
      expect(await latestDelivery(endpoint.body.id)).toMatchObject({
        last_status_code: null,
        last_error: 'refused: internal address',
      });
      await disable(endpoint.body.id);
    });

    it('does not follow a redirect: a 3xx is a failed delivery', async () => {
      const target = await counting(() => ({ status: 204 }));
      const redirecting = await counting(() => ({ status: 302, headers: { location: target.url } }));
      const endpoint = await register(await t.api.appToken(), redirecting.url, ['order.created']);
      expect(endpoint.status).toBe(201);
      await t.api.createOrder(await t.api.tillToken(0), { order_ref: ref('RD'), wallet: 'pix', amount: 100 });
      await dispatch();
      expect(await latestDelivery(endpoint.body.id)).toMatchObject({
        status: 'pending',
        last_status_code: 302,
        last_error: 'HTTP 302',
      });
      expect(redirecting.received).toHaveLength(1);
      expect(target.received).toHaveLength(0);
      await disable(endpoint.body.id);
    });
  });
}
