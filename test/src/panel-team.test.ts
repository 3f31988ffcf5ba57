import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Order } from '@tillgate/sdk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { backends } from './support/backends.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';
import { emailedToken, PanelSession } from './support/panel.js';
import { WsClient } from './support/ws.js';

const PASSWORD = 'senha-muito-segura';
const newEmail = (who: string) => `${who}-${randomBytes(4).toString('hex')}@example.com`;

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`panel team and roles on ${backend.name}`, () => {
    const outboxDir = mkdtempSync(path.join(tmpdir(), 'tillgate-outbox-'));
    afterAll(() => rmSync(outboxDir, { recursive: true, force: true }));
    let t!: TestGateway;
    let till!: string;
    let admin!: PanelSession;
    suiteGateway(backend, { outboxDir }, (suite) => {
      ({ t, token: till } = suite);
    });
    beforeAll(async () => {
      admin = await PanelSession.logIn(t.api, t.demo.panel_email, t.demo.panel_password);
    });

    /** The admin invites; the invitee accepts from the email and is logged in. */
    async function member(role: string, storeIds?: string[] | null): Promise<PanelSession> {
      const email = newEmail(role);
      const invited = await admin.call('POST', '/v1/users', { body: { email, role, store_ids: storeIds } });
      expect(invited.status, JSON.stringify(invited.body)).toBe(201);
      expect(invited.body).toMatchObject({ email, role, status: 'invited' });
      const token = await emailedToken(t.api, email, 'invite');
      const accepted = await t.api.call('POST', '/v1/panel/invitations/accept', {
        body: { token, name: 'Pessoa Convidada', password: PASSWORD },
      });
      return PanelSession.from(t.api, accepted);
    }

    async function paidOrder(): Promise<Order> {
      const o = (await t.api.createOrder(till, { order_ref: ref(), wallet: 'pix', amount: 1990 })).body;
      return (await t.api.pay(till, o.id)).body;
    }

    it('lets a clerk sell and cancel but neither refund nor manage the team, and applies a new role at once', async () => {
      const clerk = await member('clerk');
      const users = await clerk.call<{ data: Array<{ email: string }> }>('GET', '/v1/users');
      expect(users.body.data.map((u) => u.email)).toContain(t.demo.panel_email);
      const invite = await clerk.call('POST', '/v1/users', { body: { email: newEmail('x'), role: 'clerk' } });
      expect(invite.body).toMatchObject({ status: 403, code: 'forbidden' });

      const paid = await paidOrder();
      const refund = () => clerk.call('POST', `/v1/orders/${paid.id}/refunds`, { body: { amount: 500 } });
      expect((await refund()).body).toMatchObject({ status: 403, code: 'forbidden' });
      const created = await clerk.call<Order>('POST', '/v1/orders', {
        body: { order_ref: ref(), wallet: 'pix', amount: 990, till_id: t.demo.tills[0]?.id },
      });
      expect(created.status).toBe(201);
      const pending = created.body;
      const cancel = await clerk.call<Order>('POST', `/v1/orders/${pending.id}/cancel`);
      expect(cancel.body.status).toBe('cancelled');

      const promoted = await admin.call('PATCH', `/v1/users/${clerk.view.user.id}`, { body: { role: 'manager' } });
      expect(promoted.body).toMatchObject({ role: 'manager', status: 'active' });
      expect((await refund()).status).toBe(201);
    });

    it('keeps an admin, refuses a taken email, and ends the sessions of a removed user', async () => {
      const self = `/v1/users/${admin.view.user.id}`;
      expect((await admin.call('PATCH', self, { body: { role: 'clerk' } })).body).toMatchObject({
        status: 409,
        code: 'last_admin',
      });
      expect((await admin.call('DELETE', self)).body).toMatchObject({ code: 'last_admin' });
      const taken = await admin.call('POST', '/v1/users', { body: { email: t.demo.panel_email, role: 'clerk' } });
      expect(taken.body).toMatchObject({ status: 409, code: 'email_taken' });

      const manager = await member('manager');
      expect((await manager.call('GET', '/v1/panel/session')).status).toBe(200);
      expect((await admin.call('DELETE', `/v1/users/${manager.view.user.id}`)).status).toBe(204);
      expect((await manager.call('GET', '/v1/panel/session')).body).toMatchObject({ status: 401 });
      expect((await manager.call('GET', '/v1/orders')).status).toBe(401);
    });

    it("hides other stores' orders, events and topics from a user limited to some stores", async () => {
      const otherStore = `sto_TEST${randomBytes(11).toString('hex').toUpperCase()}`;
      await t.gateway.db.knex('stores').insert({
        id: otherStore,
        merchant_id: admin.view.merchant.id,
        name: 'Filial Norte',
        created_at: t.clock.now(),
      });
      const order = await paidOrder();
      const scoped = await member('manager', [otherStore]);
      expect(scoped.view.user.store_ids).toEqual([otherStore]);

      expect((await scoped.call('GET', `/v1/orders/${order.id}`)).body).toMatchObject({ status: 404 });
      const orders = await scoped.call<{ data: Order[] }>('GET', '/v1/orders');
      expect(orders.body.data).toEqual([]);
      const events = await scoped.call<{ data: unknown[] }>('GET', '/v1/events');
      expect(events.body.data).toEqual([]);
      const refund = await scoped.call('POST', `/v1/orders/${order.id}/refunds`, { body: { amount: 100 } });
      expect(refund.body).toMatchObject({ status: 404 });

      const ws = await WsClient.open(t.url, '', { cookie: scoped.cookie });
      for (const topic of [`store:${order.store_id}`, `till:${order.till_id}`, `order:${order.id}`, 'merchant']) {
        await expect(ws.subscribe(topic)).rejects.toThrow(/forbidden/);
      }
      expect(await ws.subscribe(`store:${otherStore}`)).toBeGreaterThan(0);
      ws.close();

      await admin.call('PATCH', `/v1/users/${scoped.view.user.id}`, { body: { store_ids: [order.store_id] } });
      expect((await scoped.call<Order>('GET', `/v1/orders/${order.id}`)).body.id).toBe(order.id);
      const watcher = await WsClient.open(t.url, '', { cookie: scoped.cookie });
      await watcher.subscribe(`till:${order.till_id}`, 0);
      await watcher.waitForEvent((e) => e.data.order.id === order.id);
      watcher.close();
      expect(await WsClient.refusal(t.url, '')).toBe(401);
      // Another site's page holding the cookie (a browser ignoring SameSite) is refused on the upgrade.
      expect(await WsClient.refusal(t.url, '', { cookie: scoped.cookie, origin: 'https://evil.example' })).toBe(403);
    });
  });
}
