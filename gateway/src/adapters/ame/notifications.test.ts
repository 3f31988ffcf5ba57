import { describe, expect, it } from 'vitest';
import { ProviderAuthFailed, ProviderRejected } from '../types.js';
import { type AmeAccount, readAmeAccount } from './account.js';
import { CALLBACK_SECRET_HEADER, callbackSecret, callbackUrl, verifiedOrderId } from './notifications.js';

const account = (id: string, secret: string): AmeAccount =>
  readAmeAccount({
    id,
    merchantId: 'mer_1',
    environment: 'test',
    adapter: 'ame',
    provider: 'Ame',
    config: { client_id: 'client', client_secret: secret, base_url: 'http://127.0.0.1:9' },
  });

const ACCOUNT = account('pac_1', 'the-client-secret');
// Ame's callback body as documented: the payment ("transaction") object, exact bytes as sent.
const RAW = Buffer.from('{"id":"tx-1","status":"AUTHORIZED","amount":1990,"attributes":{"orderId":"ord-ame-1"}}');

describe('Ame callback secret', () => {
  it('differs per account and per client secret, and rides in the callback URL', () => {
    const secret = callbackSecret(ACCOUNT);
    expect(secret).toMatch(/^[\w-]{32}$/);
    expect(callbackSecret(account('pac_2', 'the-client-secret'))).not.toBe(secret);
    expect(callbackSecret(account('pac_1', 'another-secret'))).not.toBe(secret);
    const url = new URL(callbackUrl('http://127.0.0.1:8080/v1/providers/ame/pac_1/webhook', ACCOUNT));
    expect(url.pathname).toBe('/v1/providers/ame/pac_1/webhook');
    expect(url.searchParams.get('secret')).toBe(secret);
  });

  it('accepts a callback carrying it and names only the order of the body', () => {
    const headers = { [CALLBACK_SECRET_HEADER]: callbackSecret(ACCOUNT) };
    expect(verifiedOrderId({ headers, rawBody: RAW, account: ACCOUNT })).toBe('ord-ame-1');
  });

  it('refuses a forged or missing secret before reading the body', () => {
    const forged = { [CALLBACK_SECRET_HEADER]: callbackSecret(account('pac_1', 'guessed')) };
    expect(() => verifiedOrderId({ headers: forged, rawBody: RAW, account: ACCOUNT })).toThrow(ProviderAuthFailed);
    expect(() => verifiedOrderId({ headers: {}, rawBody: Buffer.from('not json'), account: ACCOUNT })).toThrow(
      ProviderAuthFailed,
    );
    const other = { [CALLBACK_SECRET_HEADER]: callbackSecret(account('pac_2', 'the-client-secret')) };
    expect(() => verifiedOrderId({ headers: other, rawBody: RAW, account: ACCOUNT })).toThrow(ProviderAuthFailed);
  });

  it('refuses a body that is not JSON or names no order', () => {
    const headers = { [CALLBACK_SECRET_HEADER]: callbackSecret(ACCOUNT) };
    expect(() => verifiedOrderId({ headers, rawBody: Buffer.from('{"id":'), account: ACCOUNT })).toThrow(
      ProviderRejected,
    );
    expect(() => verifiedOrderId({ headers, rawBody: Buffer.from('{"id":"tx"}'), account: ACCOUNT })).toThrow(
      ProviderRejected,
    );
  });

  // Ame signs nothing and puts no timestamp in a callback, so there is no "stale" to refuse: a replay
  // only makes us read the order again, and the order read decides (see the wallet test).
});

describe('Ame account', () => {
  it('refuses an emulator address on a live account', () => {
    expect(() =>
      readAmeAccount({
        id: 'pac_3',
        merchantId: 'mer_1',
        environment: 'live',
        adapter: 'ame',
        provider: 'Ame',
        config: { client_id: 'c', client_secret: 's', base_url: 'http://127.0.0.1:9' },
      }),
    ).toThrow(/own address/);
  });
});
