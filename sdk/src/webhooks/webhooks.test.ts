import { createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { TillgateEvent } from '../protocol/index.js';
import { signTestWebhook, verifyWebhook, WebhookVerificationError, webhookHandler } from './index.js';

const SECRET = 'whsec_test_123';
const event = {
  id: 'evt_1',
  seq: 1,
  type: 'order.approved',
  data: { order: { id: 'ord_1' } },
} as unknown as TillgateEvent;
const at = (unix: number) => () => new Date(unix * 1000);
const T = 1_780_000_000;

describe('verifyWebhook', () => {
  it('accepts a signature computed as the contract says: hex HMAC-SHA256 of "<t>.<raw body>"', async () => {
    const body = '{"id":"evt_1","seq":1,"type":"order.approved","data":{"order":{"id":"ord_1","title":"Café"}}}';
    const v1 = createHmac('sha256', SECRET).update(`${T}.${body}`).digest('hex');
    const verified = await verifyWebhook(body, `t=${T},v1=${v1}`, SECRET, { now: at(T + 10) });
    expect(verified).toEqual(JSON.parse(body));
    await expect(
      verifyWebhook(new TextEncoder().encode(body), [`t=${T},v1=${v1}`], SECRET, { now: at(T) }),
    ).resolves.toEqual(verified);
  });

  it('round-trips signTestWebhook, and accepts any matching v1 or secret during a rotation', async () => {
    const { body, header } = await signTestWebhook(event, SECRET, { timestamp: new Date(T * 1000) });
    await expect(verifyWebhook(body, header, SECRET, { now: at(T) })).resolves.toEqual(event);
    await expect(
      verifyWebhook(body, `${header},v1=${'0'.repeat(64)}`, ['old_secret', SECRET], { now: at(T) }),
    ).resolves.toEqual(event);
  });

  it.each([
    ['missing_signature', undefined, SECRET, T],
    ['malformed_signature', 'v1=abc', SECRET, T],
    ['timestamp_out_of_tolerance', 'signed', SECRET, T + 301],
    ['timestamp_out_of_tolerance', 'signed', SECRET, T - 301],
    ['signature_mismatch', 'signed', 'another_secret', T],
  ])('refuses with %s', async (code, header, secret, now) => {
    const signed = await signTestWebhook(event, SECRET, { timestamp: new Date(T * 1000) });
    const error = await verifyWebhook(signed.body, header === 'signed' ? signed.header : header, secret, {
      now: at(now),
    }).catch((e) => e);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error.code).toBe(code);
  });

  it('refuses a body changed after signing, even by one byte of whitespace', async () => {
    const { body, header } = await signTestWebhook(event, SECRET, { timestamp: new Date(T * 1000) });
    await expect(verifyWebhook(`${body} `, header, SECRET, { now: at(T) })).rejects.toMatchObject({
      code: 'signature_mismatch',
    });
  });

  it('honours a wider tolerance', async () => {
    const { body, header } = await signTestWebhook(event, SECRET, { timestamp: new Date(T * 1000) });
    await expect(verifyWebhook(body, header, SECRET, { now: at(T + 3600), tolerance: 7200 })).resolves.toEqual(event);
  });
});

function reply() {
  const answer: { status?: number; body?: unknown } = {};
  const res = {
    status(code: number) {
      answer.status = code;
      return { json: (body: unknown) => (answer.body = body), end: () => undefined };
    },
  };
  return { res, answer };
}

describe('webhookHandler', () => {
  it('reads the raw body from the request stream, verifies it and hands the event over', async () => {
    const { body, header } = await signTestWebhook(event, SECRET);
    const received: TillgateEvent[] = [];
    const req = Object.assign(Readable.from([Buffer.from(body.slice(0, 10)), Buffer.from(body.slice(10))]), {
      headers: { 'tillgate-signature': header },
    });
    const { res, answer } = reply();
    await webhookHandler({ secret: SECRET, onEvent: (e) => received.push(e) })(req, res);
    expect(answer.status).toBe(204);
    expect(received).toEqual([event]);
  });

  it('answers 400 with the reason to a delivery that does not verify, without calling onEvent', async () => {
    const { body } = await signTestWebhook(event, SECRET);
    const req = Object.assign(Readable.from([body]), {
      headers: { 'tillgate-signature': `t=${T},v1=${'a'.repeat(64)}` },
    });
    const { res, answer } = reply();
    await webhookHandler({ secret: SECRET, onEvent: () => expect.unreachable() })(req, res);
    expect(answer).toMatchObject({ status: 400, body: { code: 'timestamp_out_of_tolerance' } });
  });
});
