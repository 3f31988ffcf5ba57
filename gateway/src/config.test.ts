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

  it('bounds WebSockets by default, and 0 turns a limit off', () => {
    expect(loadConfig({}).webSocketLimits).toEqual({
      socketsPerCaller: 1000,
      socketsPerIp: 2000,
      subscriptionsPerSocket: 100,
      messagesPerSecond: 50,
    });
    expect(loadConfig({ TILLGATE_WS_MAX_SOCKETS_PER_IP: '0' }).webSocketLimits.socketsPerIp).toBe(0);
  });

  it('seeds the demo merchant on PostgreSQL only when asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', TILLGATE_SEED_DEMO: '1' }).seedDemo).toBe(true);
  });

  it('guards /metrics with a token only when one is given', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ TILLGATE_METRICS_TOKEN: 'a-long-enough-token' }).metricsToken).toBe('a-long-enough-token');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://h/db' }, 'DATABASE_URL'],
    [{ TILLGATE_SEED_DEMO: 'yes' }, 'TILLGATE_SEED_DEMO'],
    [{ TILLGATE_JWT_SECRET: 'short' }, 'TILLGATE_JWT_SECRET'],
    [{ SMTP_URL: 'http://mail.example' }, 'SMTP_URL'],
    [{ TILLGATE_METRICS_TOKEN: 'short' }, 'TILLGATE_METRICS_TOKEN'],
    [{ TILLGATE_WS_MAX_SOCKETS_PER_IP: '-1' }, 'TILLGATE_WS_MAX_SOCKETS_PER_IP'],
    [{ TILLGATE_WS_MAX_MESSAGES_PER_SECOND: 'lots' }, 'TILLGATE_WS_MAX_MESSAGES_PER_SECOND'],
    [{ TILLGATE_OUTBOUND_ALLOW_CIDRS: '10.0.0.0/8,intranet' }, 'TILLGATE_OUTBOUND_ALLOW_CIDRS'],
    [{ TILLGATE_OUTBOUND_ALLOW_CIDRS: '10.0.0.0/33' }, 'TILLGATE_OUTBOUND_ALLOW_CIDRS'],
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

  it('reads the networks webhooks may reach beside public addresses, none by default', () => {
    expect(loadConfig({}).outboundAllowCidrs).toEqual([]);
    expect(loadConfig({ TILLGATE_OUTBOUND_ALLOW_CIDRS: ' 10.20.0.0/16, fd00::/8 ,' }).outboundAllowCidrs).toEqual([
      '10.20.0.0/16',
      'fd00::/8',
    ]);
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
