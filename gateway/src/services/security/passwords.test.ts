import { describe, expect, it } from 'vitest';
import { hashPassword, passwordMatches } from './passwords.js';

describe('passwords', () => {
  it('salts each hash and checks only the right password', async () => {
    const [a, b] = await Promise.all([hashPassword('senha-muito-segura'), hashPassword('senha-muito-segura')]);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(a).not.toBe(b);
    expect(await passwordMatches('senha-muito-segura', a)).toBe(true);
    expect(await passwordMatches('senha-muito-segurA', a)).toBe(false);
  });

  it('refuses when there is no hash (an invited user) and when the hash is not ours', async () => {
    expect(await passwordMatches('qualquer-coisa', null)).toBe(false);
    expect(await passwordMatches('qualquer-coisa', 'sha256$abc')).toBe(false);
  });
});
