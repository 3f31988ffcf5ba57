import type { Order, TillgateEvent } from '@tillgate/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { backends } from './support/backends.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';
import { WsClient } from './support/ws.js';

const seqs = (events: TillgateEvent[]) => events.map((e) => e.seq);

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`WebSocket on ${backend.name}`, () => {
    let t!: TestGateway;
    let token!: string;
    const tillTopic = () => `till:${t.demo.tills[0]?.id}`;

    suiteGateway(backend, {}, (suite) => {
      ({ t, token } = suite);
    });

    it('refuses an upgrade without valid credentials with a 401', async () => {
      expect(await WsClient.refusal(t.url, '')).toBe(401);
      expect(await WsClient.refusal(t.url, 'access_token=nonsense')).toBe(401);
      expect(await WsClient.refusal(t.url, 'client_secret=ord_00000000000000000000000000_secret_x')).toBe(401);
    });

    it('lets a till watch only its own till and orders, and a client secret only its order', async () => {
      const ws = await WsClient.open(t.url, `access_token=${encodeURIComponent(token)}`);
      await expect(ws.subscribe(`till:${t.demo.tills[1]?.id}`)).rejects.toThrow(/forbidden/);
      await expect(ws.subscribe('merchant')).rejects.toThrow(/forbidden/);
      ws.close();

      const order = (await t.api.createOrder(token, { order_ref: ref(), wallet: 'pix', amount: 300 })).body;
      const other = (await t.api.createOrder(token, { order_ref: ref(), wallet: 'pix', amount: 300 })).body;
      const browser = await WsClient.open(t.url, `client_secret=${encodeURIComponent(order.client_secret)}`);
      await expect(browser.subscribe(`order:${other.id}`)).rejects.toThrow(/forbidden/);
      await browser.subscribe(`order:${order.id}`);
      await t.api.pay(token, order.id);
      const approved = await browser.waitForEvent((e) => e.type === 'order.approved');
      expect(approved).toMatchObject({
        op: 'event',
        topic: `order:${order.id}`,
        event: { data: { order: { id: order.id, status: 'approved' } } },
      });
      browser.close();
    });

    it('answers a bad frame with an error frame and keeps the connection', async () => {
      const ws = await WsClient.open(t.url, `access_token=${encodeURIComponent(token)}`);
      ws.socket.send('not json');
      const err = await ws.waitFor((m) => m.op === 'error');
      expect(err).toMatchObject({ op: 'error', error: { code: 'validation_failed', status: 422 } });
      await ws.subscribe(tillTopic());
      ws.close();
    });

    it('a subscriber joining with after_seq while events are written sees every event once, in order', async () => {
      const live = await WsClient.open(t.url, `access_token=${encodeURIComponent(token)}`);
      const startSeq = await live.subscribe(tillTopic());
      let late: WsClient | undefined;
      const orders: Order[] = [];
      for (let batch = 0; batch < 6; batch++) {
        const made = await Promise.all(
          Array.from({ length: 5 }, () =>
            t.api.createOrder(token, { order_ref: ref('WS'), wallet: 'pix', amount: 150 }),
          ),
        );
        orders.push(...made.map((r) => r.body));
        await Promise.all(
          made.map((r, i) =>
            i % 2 === 0 ? t.api.pay(token, r.body.id) : t.api.call('POST', `/v1/orders/${r.body.id}/cancel`, { token }),
          ),
        );
        if (batch === 2) {
          late = await WsClient.open(t.url, `access_token=${encodeURIComponent(token)}`);
          late.send({ op: 'subscribe', topic: tillTopic(), after_seq: startSeq });
        }
      }
      const log = (await t.api.events(token, startSeq)).filter((e) => e.data.order.till_id === t.demo.tills[0]?.id);
      expect(log.length).toBe(orders.length * 2);
      const lastSeq = log.at(-1)?.seq;
      await live.waitForEvent((e) => e.seq === lastSeq);
      await late?.waitForEvent((e) => e.seq === lastSeq);
      expect(seqs(live.events(tillTopic()))).toEqual(seqs(log));
      expect(seqs(late?.events(tillTopic()) ?? [])).toEqual(seqs(log));
      const subscribedAt = late?.messages.findIndex((m) => m.op === 'subscribed') ?? -1;
      const firstEventAt = late?.messages.findIndex((m) => m.op === 'event') ?? -1;
      expect(subscribedAt).toBeGreaterThanOrEqual(0);
      expect(subscribedAt).toBeLessThan(firstEventAt);
      live.close();
      late?.close();
    });
  });
}
