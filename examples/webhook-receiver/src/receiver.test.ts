import type { AddressInfo } from 'node:net';
import type { TillgateEvent } from '@tillgate/sdk';
import { SIGNATURE_HEADER, signTestWebhook } from '@tillgate/sdk/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReceiver } from './receiver.js';

const SECRET = 'whsec_test_receiver';
const event = (id: string) =>
  ({
    id,
    seq: 7,
    type: 'order.approved',
    created_at: '2026-06-01T12:00:00.000Z',
    environment: 'test',
    data: { order: { id: 'ord_01', order_ref: 'PDV-1', amount: 1990 } },
  }) as unknown as TillgateEvent;

describe('the webhook receiver', () => {
  const applied: string[] = [];
  let failNext = false;
  let url: string;
  let close: () => void;

  beforeAll(async () => {
    const app = createReceiver({
      secret: SECRET,
      apply: (e) => {
        if (failNext) {
          failNext = false;
          throw new Error('database down');
        }
        applied.push(e.id);
      },
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/tillgate`;
    close = () => server.close();
  });
  afterAll(() => close?.());

  const deliver = (body: string, header: string) =>
    fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: header } });

  it('applies a signed event once, however many times it is delivered', async () => {
    const { body, header } = await signTestWebhook(event('evt_once'), SECRET);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await deliver(body, header)).status);
    const concurrent = await Promise.all([deliver(body, header), deliver(body, header)]);
    expect([...statuses, ...concurrent.map((r) => r.status)]).toEqual([204, 204, 204, 204, 204]);
    expect(applied.filter((id) => id === 'evt_once')).toHaveLength(1);
  });

  it('refuses a forged or tampered delivery with 400 and applies nothing', async () => {
    const forged = await signTestWebhook(event('evt_forged'), 'not-the-secret');
    const res = await deliver(forged.body, forged.header);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'signature_mismatch' });

    const genuine = await signTestWebhook(event('evt_tampered'), SECRET);
    const tampered = genuine.body.replace('1990', '1');
    expect((await deliver(tampered, genuine.header)).status).toBe(400);
    expect((await fetch(url, { method: 'POST', body: genuine.body })).status).toBe(400);
    expect(applied).not.toContain('evt_forged');
    expect(applied).not.toContain('evt_tampered');
  });

  it('answers 500 when applying fails, and applies the redelivery', async () => {
    const { body, header } = await signTestWebhook(event('evt_retry'), SECRET);
    failNext = true;
    expect((await deliver(body, header)).status).toBe(500);
    expect((await deliver(body, header)).status).toBe(204);
    expect(applied.filter((id) => id === 'evt_retry')).toHaveLength(1);
  });
});
