import { describe, expect, it } from 'vitest';
import type { AccountFieldMeta } from '../descriptor.js';
import { ProviderRejected } from '../types.js';
import { readPagBankAccount } from './account.js';
import { descriptor } from './index.js';

const account = (environment: 'test' | 'live', config: Record<string, unknown>) => ({
  id: 'pa_1',
  merchantId: 'mer_1',
  environment,
  adapter: 'pagbank',
  provider: 'pagbank',
  config,
});

describe('PagBank descriptor', () => {
  it('declares what PagBank documents for QR orders', () => {
    expect(descriptor.id).toBe('pagbank');
    expect(descriptor.wallets).toEqual(['pagbank']);
    const { partialRefunds, maxRefunds, refundWindowDays, captureStep, deepLinks, staticQr } = descriptor.capabilities;
    // Partial refunds, as many as the paid amount allows, within the 90 days PagBank gives Pix charges.
    expect([partialRefunds, maxRefunds, refundWindowDays]).toEqual([true, null, 90]);
    // Captured by PagBank itself; no deep link nor fixed QR documented for QR orders.
    expect([captureStep, deepLinks, staticQr]).toEqual([false, false, false]);
    // An order lives an hour at most, well within PagBank's default 24 h QR.
    expect(descriptor.capabilities.maxExpiresInSeconds).toBeGreaterThanOrEqual(3600);
    expect(descriptor.capabilities.minAmount).toBe(1);
  });

  it('asks for the token (secret, needed in live) and, in test only, the emulator address', () => {
    const meta = (field: string) => descriptor.account.shape[field]?.meta() as AccountFieldMeta | undefined;
    expect(Object.keys(descriptor.account.shape).sort()).toEqual(['base_url', 'token']);
    expect(meta('token')).toMatchObject({ secret: true, requiredInLive: true });
    expect(meta('base_url')).toMatchObject({ testOnly: true });
    expect(meta('base_url')?.secret).toBeUndefined();
  });

  it('talks to PagBank itself in live, to its sandbox in test, and to an emulator only in test', () => {
    expect(readPagBankAccount(account('live', { token: 't' })).apiUrl).toBe('https://api.pagseguro.com');
    expect(readPagBankAccount(account('test', { token: 't' })).apiUrl).toBe('https://sandbox.api.pagseguro.com');
    expect(readPagBankAccount(account('test', { token: 't', base_url: 'http://127.0.0.1:9/' })).apiUrl).toBe(
      'http://127.0.0.1:9',
    );
    expect(() => readPagBankAccount(account('live', { token: 't', base_url: 'http://127.0.0.1:9' }))).toThrow(
      ProviderRejected,
    );
    expect(descriptor.unfitForLive?.({ token: 't', base_url: 'http://127.0.0.1:9' })).toMatch(/own address/);
    expect(descriptor.unfitForLive?.({ token: 't' })).toBeUndefined();
    expect(() => readPagBankAccount(account('test', {}))).toThrow(/token/);
  });
});
