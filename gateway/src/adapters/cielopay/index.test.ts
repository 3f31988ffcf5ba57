import { describe, expect, it } from 'vitest';
import type { AccountFieldMeta } from '../descriptor.js';
import { descriptor } from './index.js';

describe('cielopay descriptor', () => {
  it('declares what Cielo documents for a Pix sale', () => {
    expect(descriptor.id).toBe('cielopay');
    expect(descriptor.wallets).toEqual(['cielopay']);
    expect(descriptor.capabilities).toEqual({
      partialRefunds: true,
      maxRefunds: null,
      refundWindowDays: 90,
      minAmount: 1,
      maxAmount: null,
      maxExpiresInSeconds: 86_400,
      deepLinks: false,
      captureStep: false,
      staticQr: false,
    });
  });

  it('keeps the MerchantKey and the notification token secret, and base_url for tests only', () => {
    const meta = (field: string) => descriptor.account.shape[field]?.meta() as AccountFieldMeta | undefined;
    expect(meta('merchant_key')?.secret).toBe(true);
    expect(meta('notification_token')?.secret).toBe(true);
    expect(meta('merchant_id')?.secret).toBeUndefined();
    expect(meta('base_url')?.testOnly).toBe(true);
    expect(descriptor.unfitForLive?.({ base_url: 'http://127.0.0.1:9' })).toMatch(/emulator/);
    expect(descriptor.unfitForLive?.({})).toBeUndefined();
  });
});
