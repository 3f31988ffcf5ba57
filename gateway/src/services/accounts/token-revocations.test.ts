import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock.js';
import { secretTag } from '../security/secret-tag.js';
import { TokenRevocations } from './token-revocations.js';

const at = new Date('2026-06-01T12:00:00Z');
const appClaims = (issuedUnder?: { at: number; tag: string }) => ({
  kind: 'app' as const,
  merchantId: 'mer_1',
  environment: 'test' as const,
  appName: 'pos-server',
  ...(issuedUnder ? { issuedUnder } : {}),
});

describe('TokenRevocations', () => {
  it('refuses app tokens of an earlier secret, keeps those of the current or a newer one', () => {
    const r = new TokenRevocations(new ManualClock(at), 900);
    expect(r.refuses(appClaims())).toBe(false);
    r.noteApp('pos-server', 'hash-2', at);
    expect(r.refuses(appClaims({ at: at.getTime(), tag: secretTag('hash-2') }))).toBe(false);
    expect(r.refuses(appClaims({ at: at.getTime() - 1, tag: secretTag('hash-1') }))).toBe(true);
    // A frozen clock: issued at the same instant, but under another secret.
    expect(r.refuses(appClaims({ at: at.getTime(), tag: secretTag('hash-1') }))).toBe(true);
    // Issued on another instance under a secret this one has not read yet.
    expect(r.refuses(appClaims({ at: at.getTime() + 5, tag: secretTag('hash-3') }))).toBe(false);
    expect(r.refuses(appClaims())).toBe(true);
  });

  it('ends a held panel session once it is noted ended, and tells its listeners', () => {
    const r = new TokenRevocations(new ManualClock(at), 900);
    const held = { kind: 'session' as const, tokenHash: 'h1' };
    let changes = 0;
    r.onChange(() => changes++);
    r.noteSessionEnded('h1');
    expect(changes).toBe(0);
    r.hold(held);
    expect(r.ends(held)).toBe(false);
    r.noteSessionEnded('h1');
    expect([r.ends(held), changes]).toEqual([true, 1]);
    r.release(held);
    expect(r.ends(held)).toBe(false);
    expect(r.ends({ kind: 'client-secret' })).toBe(false);
  });
});
