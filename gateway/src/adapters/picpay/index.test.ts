import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../domain/clock.js';
import type { AccountFieldMeta } from '../descriptor.js';
import type { ProviderAccount } from '../types.js';
import { descriptor } from './index.js';

const fields = descriptor.account.shape as Record<string, { meta(): AccountFieldMeta | undefined }>;

describe('PicPay descriptor', () => {
  it('declares what PicPay documents: repeated partial refunds, a checkout link, no capture, no static QR', () => {
    expect(descriptor.id).toBe('picpay');
    expect(descriptor.wallets).toEqual(['picpay']);
    const c = descriptor.capabilities;
    expect([c.partialRefunds, c.maxRefunds, c.refundWindowDays]).toEqual([true, null, null]);
    expect([c.deepLinks, c.captureStep, c.staticQr]).toEqual([true, false, false]);
    expect([c.minAmount, c.maxAmount, c.maxExpiresInSeconds]).toEqual([1, null, 3600]);
  });

  it('keeps both tokens secret and the emulator address for tests only', () => {
    expect(Object.keys(fields).sort()).toEqual(['base_url', 'buyer_document', 'picpay_token', 'seller_token']);
    expect(fields.picpay_token?.meta()).toMatchObject({ secret: true, requiredInLive: true });
    expect(fields.seller_token?.meta()).toMatchObject({ secret: true, requiredInLive: true });
    expect(fields.base_url?.meta()).toMatchObject({ testOnly: true });
    expect(fields.buyer_document?.meta()?.secret).toBeUndefined();
  });

  it('refuses live traffic to another address, or without the buyer document', async () => {
    const config = { picpay_token: 't', seller_token: 's', buyer_document: '12.345.678/0001-95' };
    expect(descriptor.unfitForLive?.(config)).toBeUndefined();
    expect(descriptor.unfitForLive?.({ ...config, base_url: 'http://127.0.0.1:1' })).toMatch(/base_url/);
    expect(descriptor.unfitForLive?.({ picpay_token: 't', seller_token: 's' })).toMatch(/buyer/);

    const adapter = descriptor.create({ log: pino({ level: 'silent' }), clock: systemClock, timeoutMs: 1000 });
    const live: ProviderAccount = {
      id: 'pac_1',
      merchantId: 'mer_1',
      environment: 'live',
      adapter: 'picpay',
      provider: 'picpay',
      config: { ...config, base_url: 'http://127.0.0.1:1' },
    };
    await expect(adapter.getCharge({ providerRef: 'ord_1', account: live })).rejects.toThrow(/own address/);
    expect(await adapter.simulatePayment?.({ providerRef: 'ord_1', account: { ...live, config } })).toBe(false);
  });
});
