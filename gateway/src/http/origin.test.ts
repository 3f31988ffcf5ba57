import { describe, expect, it } from 'vitest';
import { fromOwnOrigin } from './origin.js';

describe('fromOwnOrigin', () => {
  const own = (origin: string | undefined, publicUrl?: string) =>
    fromOwnOrigin(
      { host: '127.0.0.1:3000', ...(origin === undefined ? {} : { origin }) },
      publicUrl ? () => publicUrl : undefined,
    );

  it('takes no Origin (a script, a till) and the host the request was sent to', () => {
    expect(own(undefined)).toBe(true);
    expect(own('http://127.0.0.1:3000')).toBe(true);
  });

  it("takes the public URL's host behind a proxy that rewrites Host", () => {
    expect(own('https://pay.example.com', 'https://pay.example.com')).toBe(true);
    expect(own('https://pay.example.com')).toBe(false);
  });

  it('refuses other sites, other ports, null and garbage', () => {
    for (const o of ['https://shop.example', 'http://127.0.0.1:3001', 'null', '', 'not a url'])
      expect([o, own(o, 'https://pay.example.com')]).toEqual([o, false]);
  });
});
