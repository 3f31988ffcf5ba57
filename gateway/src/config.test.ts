import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { DEFAULT_RATE_RULES } from './limits/rules.js';

describe('config', () => {
  it('runs the embedded default with no environment at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, seedDemo: true });
    expect(config.dataDir.endsWith('.data')).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('seeds the demo merchant on PostgreSQL only when asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', TILLGATE_SEED_DEMO: '1' }).seedDemo).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://h/db' }, 'DATABASE_URL'],
    [{ TILLGATE_SEED_DEMO: 'yes' }, 'TILLGATE_SEED_DEMO'],
    [{ TILLGATE_JWT_SECRET: 'short' }, 'TILLGATE_JWT_SECRET'],
    [{ SMTP_URL: 'http://mail.example' }, 'SMTP_URL'],
    [{ TILLGATE_LIMIT_AUTH_IP: '300 per minute' }, 'TILLGATE_LIMIT_AUTH_IP'],
    [{ TILLGATE_LIMIT_ORDERS_TILL: '10/0m' }, 'TILLGATE_LIMIT_ORDERS_TILL'],
    [{ TILLGATE_RATE_LIMITS: 'no' }, 'TILLGATE_RATE_LIMITS'],
  ])('stops on %o with one line naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (err) {
      expect((err as Error).message).toMatch(new RegExp(`^Invalid ${name}: [^\\n]+$`));
    }
  });

  it('enforces the documented rate limits by default; each can be changed or turned off, or all at once', () => {
    const defaults = loadConfig({});
    expect(defaults.rateLimits).toEqual(DEFAULT_RATE_RULES);
    expect(defaults.rateLimits?.auth_client).toEqual({ limit: 30, windowMs: 60_000 });
    expect(defaults.loginLockoutAfter).toBe(10);
    const tuned = loadConfig({
      TILLGATE_LIMIT_ORDERS_TILL: '5000/1m',
      TILLGATE_LIMIT_RESET_EMAIL: '3/2h',
      TILLGATE_LIMIT_AUTH_IP: '20/30s',
      TILLGATE_LIMIT_PANEL_IP: 'off',
      TILLGATE_LOGIN_LOCKOUT_AFTER: '0',
      TILLGATE_TRUST_PROXY: '1',
    });
    expect(tuned.rateLimits).toMatchObject({
      orders_till: { limit: 5000, windowMs: 60_000 },
      reset_email: { limit: 3, windowMs: 7_200_000 },
      auth_ip: { limit: 20, windowMs: 30_000 },
      panel_ip: null,
      login_email: DEFAULT_RATE_RULES.login_email,
    });
    expect(tuned.loginLockoutAfter).toBeUndefined();
    expect(tuned.trustProxy).toBe(1);
    expect(loadConfig({ TILLGATE_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(loadConfig({ TILLGATE_RATE_LIMITS: '0' }).rateLimits).toBeNull();
  });
});
