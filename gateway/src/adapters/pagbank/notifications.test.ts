import { describe, expect, it, vi } from 'vitest';
import { ProviderAuthFailed } from '../types.js';
import { readOrder } from './mapper.js';
import { AUTHENTICITY_HEADER, authenticityTokenOf, isAuthentic, readNotification } from './notifications.js';

const TOKEN = 'tok_0123456789abcdef';
// Spacing and key order as PagBank sent them: what is verified is these bytes, not their JSON meaning.
const raw = Buffer.from('{"id":"ORDE_1", "reference_id":"ord_01","charges":[{"id":"CHAR_1","status":"PAID"}]}');
const paidOrder = readOrder({
  id: 'ORDE_1',
  charges: [{ id: 'CHAR_1', status: 'PAID', paid_at: '2026-12-01T10:01:00.000-03:00', amount: { value: 1990 } }],
});

describe('PagBank notification authenticity', () => {
  it('is SHA-256 in hex of the token, a hyphen and the raw body', () => {
    // echo -n 'secret-{"a":1}' | sha256sum
    expect(authenticityTokenOf('secret', Buffer.from('{"a":1}'))).toBe(
      'd2ebb2babc7c4ad3aea8333d68ebaba75449891769c1f38240aa4e6261acf622',
    );
  });

  it('accepts a valid signature over the exact bytes, and only those bytes', () => {
    const headers = { [AUTHENTICITY_HEADER]: authenticityTokenOf(TOKEN, raw) };
    expect(isAuthentic(headers, raw, TOKEN)).toBe(true);
    const reprinted = Buffer.from(JSON.stringify(JSON.parse(raw.toString())));
    expect(isAuthentic(headers, reprinted, TOKEN)).toBe(false);
  });

  it('refuses a forged, missing or other-account signature before reading anything', async () => {
    const readOrderAt = vi.fn();
    const forgeries: Record<string, string>[] = [
      { [AUTHENTICITY_HEADER]: authenticityTokenOf('another-token', raw) },
      { [AUTHENTICITY_HEADER]: 'f'.repeat(64) },
      { [AUTHENTICITY_HEADER]: '' },
      {},
    ];
    for (const headers of forgeries)
      await expect(readNotification({ headers, rawBody: raw, token: TOKEN }, readOrderAt)).rejects.toThrow(
        ProviderAuthFailed,
      );
    expect(readOrderAt).not.toHaveBeenCalled();
  });

  it('acts on the order read back from PagBank, never on the body', async () => {
    const headers = { 'X-Authenticity-Token': authenticityTokenOf(TOKEN, raw).toUpperCase() };
    const readOrderAt = vi.fn(async () => paidOrder);
    const events = await readNotification({ headers, rawBody: raw, token: TOKEN }, readOrderAt);
    expect(readOrderAt).toHaveBeenCalledWith('ORDE_1');
    expect(events).toEqual([
      {
        kind: 'payment',
        providerRef: 'ORDE_1',
        payment: { providerPaymentId: 'CHAR_1', amount: 1990, paidAt: new Date('2026-12-01T13:01:00Z'), payer: {} },
      },
    ]);
  });

  it('has no timestamp to go stale: a replay is only another re-read, and an unknown order gives nothing', async () => {
    const headers = { [AUTHENTICITY_HEADER]: authenticityTokenOf(TOKEN, raw) };
    const readOrderAt = vi.fn(async () => undefined);
    expect(await readNotification({ headers, rawBody: raw, token: TOKEN }, readOrderAt)).toEqual([]);
    expect(await readNotification({ headers, rawBody: raw, token: TOKEN }, readOrderAt)).toEqual([]);
    expect(readOrderAt).toHaveBeenCalledTimes(2);
  });
});
