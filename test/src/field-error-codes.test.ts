import { FIELD_ERROR_CODES, type Problem } from '@tillgate/sdk/protocol';
import { startPgliteGateway, type TestGateway } from '@tillgate/test/support/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Each field error carries a stable `code` a client translates, so no client parses the English `message`. */
describe('field errors name what is wrong by code', () => {
  let t: TestGateway;
  let till: string;
  let app: string;

  beforeAll(async () => {
    t = await startPgliteGateway();
    till = await t.api.tillToken(0);
    app = await t.api.appToken();
  });
  afterAll(async () => {
    await t?.close();
  });

  const codes = (body: unknown) => Object.fromEntries(((body as Problem).errors ?? []).map((e) => [e.field, e.code]));

  it('for every kind of refusal of an order', async () => {
    const r = await t.api.call('POST', '/v1/orders', {
      token: till,
      body: { amount: 0, wallet: 'bitcoin', order_ref: 'x'.repeat(200), expires_in: 'soon', surprise: 1 },
    });
    expect(r.status).toBe(422);
    expect(codes(r.body)).toMatchObject({
      amount: 'too_small',
      wallet: 'invalid_value',
      order_ref: 'too_long',
      expires_in: 'invalid_type',
      surprise: 'unknown_field',
    });
    const missing = await t.api.call('POST', '/v1/orders', { token: till, body: {} });
    expect(codes(missing.body)).toMatchObject({ amount: 'required' });
    const id = await t.api.call('GET', '/v1/orders/ord_nope', { token: till });
    expect(codes(id.body)).toEqual({ id: 'invalid_id' });
    const limit = await t.api.call('GET', '/v1/orders?limit=1000', { token: till });
    expect(codes(limit.body)).toEqual({ 'query.limit': 'too_big' });
  });

  it('for a CNPJ with wrong check digits, and for a rule of a service', async () => {
    const store = await t.api.call('POST', '/v1/stores', {
      token: app,
      body: { name: 'Loja', cnpj: '11222333000182' },
    });
    expect(store.status).toBe(422);
    expect(codes(store.body)).toEqual({ cnpj: 'invalid_cnpj' });
    const cert = await t.api.call('POST', '/v1/provider-accounts', {
      token: app,
      body: { kind: 'pix', provider: 'santander', name: 'S', pix_key: 'k', client_id: 'c', client_secret: 's' },
    });
    expect(codes(cert.body)).toEqual({ certificate_pem: 'required' });
    for (const body of [store.body, cert.body])
      for (const e of (body as unknown as Problem).errors ?? []) expect(FIELD_ERROR_CODES).toContain(e.code);
  });
});
