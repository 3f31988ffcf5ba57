import { linkDemoPix, RETRY_SCHEDULE_SECONDS } from '@tillgate/gateway';
import type { Order, TillgateEvent, WebhookDeliveryView, WebhookEndpointView } from '@tillgate/sdk/protocol';
import { verifyWebhook } from '@tillgate/sdk/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { backends, type Storage } from './support/backends.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';
import { pixProvider, txidOf } from './support/providers.js';
import { deadUrl, Receiver } from './support/receiver.js';

const DAY = 86_400_000;

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`webhooks on ${backend.name}`, () => {
    let storage: Storage;
    let t: TestGateway;
    const receivers: Receiver[] = [];

    beforeAll(async () => {
      storage = await backend.create();
      // The tests drive the dispatcher themselves, so the background workers stay out of the way.
      t = await startTestGateway(storage, { webhookTimeoutMs: 300, workerIntervalMs: 3_600_000 });
    });
    afterAll(async () => {
      await Promise.all(receivers.map((r) => r.close()));
      await t?.close();
      await storage?.drop();
    });

    // The tests move the clock by days, past any token's life, so each call signs in afresh.
    const app = () => t.api.appToken();
    const till = () => t.api.tillToken(0);
    const register = async (url: string, events: string[]) => {
      const r = await t.api.call<WebhookEndpointView>('POST', '/v1/webhook-endpoints', {
        token: await app(),
        body: { url, events },
      });
      expect(r.status).toBe(201);
      return r.body;
    };
    const receiver = async (
      secret: () => string | undefined,
      answer: (n: number) => { status: number; delayMs?: number },
    ) => {
      const r = await Receiver.start(secret, answer);
      receivers.push(r);
      return r;
    };
    const deliveries = async (endpointId: string) =>
      (
        await t.api.call<{ data: WebhookDeliveryView[] }>(
          'GET',
          `/v1/webhook-deliveries?endpoint_id=${endpointId}&limit=100`,
          { token: await app() },
        )
      ).body.data;
    const delivery = async (id: string) =>
      (await t.api.call<WebhookDeliveryView>('GET', `/v1/webhook-deliveries/${id}`, { token: await app() })).body;
    /** Runs the dispatcher once, as the worker does, at the gateway's clock. */
    const dispatch = () => t.gateway.deps.webhooks.deliverDue();

    it('retries a failing receiver on the schedule until it answers 2xx, with valid signatures', async () => {
      let secret: string | undefined;
      const flaky = await receiver(
        () => secret,
        (n) => ({ status: n <= 3 ? 500 : 204 }),
      );
      const endpoint = await register(flaky.url, ['order.created']);
      secret = endpoint.secret;
      expect(secret).toMatch(/^whsec_/);
      const order = (await t.api.createOrder(await till(), { order_ref: ref(), wallet: 'pix', amount: 1990 })).body;

      const [queued] = await deliveries(endpoint.id);
      expect(queued).toMatchObject({ status: 'pending', attempts: 0 });
      for (let failed = 1; failed <= 3; failed++) {
        await dispatch();
        const d = await delivery(queued?.id as string);
        expect(d).toMatchObject({ status: 'pending', attempts: failed, last_status_code: 500 });
        const attemptedAt = Date.parse(d.attempt_log?.at(-1)?.attempted_at as string);
        const wait = Date.parse(d.next_attempt_at as string) - attemptedAt;
        const step = (RETRY_SCHEDULE_SECONDS[failed - 1] as number) * 1000;
        expect(wait).toBeGreaterThanOrEqual(step * 0.9);
        expect(wait).toBeLessThanOrEqual(step * 1.1);
        // nothing is sent before it is due
        t.clock.advance(wait - 1);
        await dispatch();
        expect((await delivery(d.id)).attempts).toBe(failed);
        t.clock.advance(1);
      }
      await dispatch();
      expect(await delivery(queued?.id as string)).toMatchObject({
        status: 'succeeded',
        attempts: 4,
        last_status_code: 204,
      });
      expect(flaky.received).toHaveLength(4);
      expect(flaky.received.every((r) => r.validSignature)).toBe(true);
      const first = flaky.received[0] as { body: string; signature: string };
      // What an integrator runs: the SDK's verification of a real delivery, at the gateway's time.
      const event = await verifyWebhook(first.body, first.signature, secret as string, { now: () => t.clock.now() });
      expect(event).toMatchObject({ type: 'order.created', data: { order: { id: order.id } } });
      await expect(
        verifyWebhook(first.body, first.signature, 'whsec_wrong', { now: () => t.clock.now() }),
      ).rejects.toThrow();

      const again = await t.api.call('POST', `/v1/webhook-deliveries/${queued?.id}/redeliver`, { token: await app() });
      expect(again.status).toBe(200);
      await dispatch();
      expect(flaky.received).toHaveLength(5);
    });

    it.each([
      ['answers slower than the timeout', { delayMs: 1500 }, '300 ms'],
      ['closes the connection without answering', { hangUp: true }, ''],
    ])('counts a first attempt whose receiver %s as failed, and retries it', async (_, firstAnswer, error) => {
      let secret: string | undefined;
      const hook = await receiver(
        () => secret,
        (n) => ({ status: 200, ...(n === 1 ? firstAnswer : {}) }),
      );
      const endpoint = await register(hook.url, ['order.created']);
      secret = endpoint.secret;
      await t.api.createOrder(await till(), { order_ref: ref(), wallet: 'pix', amount: 100 });
      await dispatch();
      const [d] = await deliveries(endpoint.id);
      expect(d).toMatchObject({
        status: 'pending',
        attempts: 1,
        last_status_code: null,
        last_error: expect.stringContaining(error),
      });
      t.clock.advance(11_000);
      await dispatch();
      expect((await deliveries(endpoint.id))[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
      expect(hook.received.every((r) => r.validSignature)).toBe(true);
    });

    it('keeps retrying a receiver that is down for more than a day, then gives up and disables the endpoint', async () => {
      const endpoint = await register(await deadUrl(), ['order.approved']);
      const order = (await t.api.createOrder(await till(), { order_ref: ref(), wallet: 'pix', amount: 100 })).body;
      await t.api.pay(await till(), order.id);
      let d = (await deliveries(endpoint.id))[0] as WebhookDeliveryView;
      const started = t.clock.now().getTime();
      while (d.status === 'pending') {
        t.clock.advance(Math.max(0, Date.parse(d.next_attempt_at as string) - t.clock.now().getTime()));
        await dispatch();
        d = await delivery(d.id);
      }
      expect(d.status).toBe('failed');
      expect(d.last_error).toBe('ECONNREFUSED');
      expect(t.clock.now().getTime() - started).toBeGreaterThanOrEqual(3 * DAY);
      const attempts = d.attempt_log ?? [];
      const lastWithinADay = attempts.filter((a) => Date.parse(a.attempted_at) - started <= DAY).length;
      expect(lastWithinADay).toBeGreaterThanOrEqual(9);
      const endpoints = (
        await t.api.call<{ data: WebhookEndpointView[] }>('GET', '/v1/webhook-endpoints', { token: await app() })
      ).body.data;
      expect(endpoints.find((e) => e.id === endpoint.id)?.status).toBe('disabled');
    });

    it("sends an order's events to its callback_url, signed with the callback secret", async () => {
      const { secret } = (
        await t.api.call<{ secret: string }>('POST', '/v1/webhook-callback-secret', { token: await app() })
      ).body;
      const hook = await receiver(
        () => secret,
        () => ({ status: 200 }),
      );
      const order: Order = (
        await t.api.createOrder(await till(), { order_ref: ref(), wallet: 'pix', amount: 300, callback_url: hook.url })
      ).body;
      await t.api.pay(await till(), order.id);
      await dispatch();
      await expect.poll(() => hook.received.length).toBe(2);
      expect(hook.received.map((r) => (JSON.parse(r.body) as TillgateEvent).type).sort()).toEqual([
        'order.approved',
        'order.created',
      ]);
      expect(hook.received.every((r) => r.validSignature)).toBe(true);
    });

    it('keeps webhook management from tills, and validates endpoints', async () => {
      const r = await t.api.call('POST', '/v1/webhook-endpoints', {
        token: await till(),
        body: { url: 'https://example.test/hook', events: ['order.created'] },
      });
      expect(r.status).toBe(403);
      const bad = await t.api.call('POST', '/v1/webhook-endpoints', {
        token: await app(),
        body: { url: 'ftp://x', events: ['order.nope'] },
      });
      expect(bad.status).toBe(422);
    });

    it('delivers order.disputed, with the MED refund, when the payer’s bank takes a Pix back', async () => {
      const pix = await pixProvider(t, 'bb');
      try {
        let secret: string | undefined;
        const hook = await receiver(
          () => secret,
          () => ({ status: 204 }),
        );
        const endpoint = await register(hook.url, ['order.disputed']);
        secret = endpoint.secret;
        const order = (await t.api.createOrder(await till(), { order_ref: ref(), wallet: 'pix', amount: 1200 })).body;
        await pix.pay(order);
        await expect.poll(async () => (await t.api.order(await till(), order.id)).status).toBe('approved');
        await pix.emulator.med(txidOf(order), { centavos: 500, natureza: 'MED_OPERACIONAL' });
        await expect.poll(async () => (await t.api.order(await till(), order.id)).status).toBe('partially_refunded');

        await dispatch();
        expect((await deliveries(endpoint.id)).map((d) => d.status)).toEqual(['succeeded']);
        expect(hook.received).toHaveLength(1);
        const received = hook.received[0] as { body: string; signature: string };
        const event = await verifyWebhook(received.body, received.signature, secret as string, {
          now: () => t.clock.now(),
        });
        expect(event).toMatchObject({
          type: 'order.disputed',
          data: {
            order: { id: order.id, status: 'partially_refunded', refunded_amount: 500 },
            refund: { amount: 500, status: 'succeeded', initiated_by: 'payer_bank', natureza: 'MED_OPERACIONAL' },
          },
        });
      } finally {
        await pix.close();
        await linkDemoPix(t.gateway.deps, undefined);
      }
    });
  });
}
