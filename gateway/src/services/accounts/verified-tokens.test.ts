import { describe, expect, it } from 'vitest';
import { type HeldToken, VerifiedTokens } from './verified-tokens.js';

const held = (expiresAtSeconds: number): HeldToken => ({
  kind: 'token',
  claims: { kind: 'app', merchantId: 'mer_1', environment: 'test', appName: 'pos', issuedUnder: { at: 1, tag: 't' } },
  family: 'fam_1',
  expiresAt: expiresAtSeconds * 1000,
});

describe('verified tokens', () => {
  it('answer a token strictly before its expiry second, as the signature check does, and forget it at that second', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('a', held(100));
    expect(tokens.find('a', 99)?.family).toBe('fam_1');
    expect(tokens.find('a', 100)).toBeUndefined();
    expect(tokens.find('a', 99)).toBeUndefined();
  });

  it('answer only the exact token that was verified', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('header.payload.signature', held(100));
    expect(tokens.find('header.payload.signaturE', 1)).toBeUndefined();
  });

  it('drop the oldest past their bound', () => {
    const tokens = new VerifiedTokens(2);
    for (const t of ['a', 'b', 'c']) tokens.remember(t, held(100));
    expect(tokens.find('a', 1)).toBeUndefined();
    expect(tokens.find('b', 1)).toBeDefined();
    expect(tokens.find('c', 1)).toBeDefined();
  });

  it('share frozen claims, so no request can change another one’s principal', () => {
    const tokens = new VerifiedTokens();
    const claims = tokens.remember('a', held(100)).claims;
    expect(Object.isFrozen(claims)).toBe(true);
    expect(claims.kind === 'app' && Object.isFrozen(claims.issuedUnder)).toBe(true);
  });
});
