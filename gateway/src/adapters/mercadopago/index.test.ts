import { describe, expect, it } from 'vitest';
import type { AccountFieldMeta } from '../descriptor.js';
import { descriptor } from './index.js';

describe('Mercado Pago descriptor', () => {
  it('declares what the QR Orders API does, and prints a till’s POS QR (static and hybrid modes)', () => {
    expect(descriptor.id).toBe('mercadopago');
    expect(descriptor.wallets).toEqual(['mercadopago']);
    const { capabilities: c } = descriptor;
    expect([c.partialRefunds, c.maxRefunds, c.refundWindowDays]).toEqual([true, null, 330]);
    expect([c.minAmount, c.maxAmount, c.maxExpiresInSeconds]).toEqual([1, null, 3600]);
    expect([c.deepLinks, c.captureStep, c.staticQr]).toEqual([false, false, true]);
  });

  it('asks for a token and a webhook secret, both secret, and an emulator address only in test', () => {
    const meta = Object.fromEntries(
      Object.entries(descriptor.account.shape).map(([name, field]) => [
        name,
        (field as { meta(): AccountFieldMeta | undefined }).meta(),
      ]),
    );
    expect(meta.access_token).toMatchObject({ secret: true, requiredInLive: true });
    expect(meta.webhook_secret).toMatchObject({ secret: true, requiredInLive: true });
    expect(meta.base_url).toMatchObject({ testOnly: true });
    expect(descriptor.account.safeParse({ access_token: 'APP_USR-1', webhook_secret: 's' }).success).toBe(true);
    expect(descriptor.account.safeParse({ access_token: 'APP_USR-1' }).success).toBe(false);
  });
});
