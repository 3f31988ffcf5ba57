import path from 'node:path';
import { z } from 'zod';
import { parseCidr } from './domain/outbound-address.js';
import { DEFAULT_WS_LIMITS, type WsLimits } from './events/ws-limits.js';
import { DEFAULT_LOCKOUT_AFTER, DEFAULT_RATE_RULES, type RateLimitRules, rateRuleSetting } from './limits/rules.js';

/** A WebSocket limit: a whole number, 0 for none. */
const wsLimit = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  TILLGATE_DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  TILLGATE_SEED_DEMO: flag.optional(),
  TILLGATE_EMULATORS: flag.optional(),
  TILLGATE_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TILLGATE_ACCESS_TOKEN_TTL: z.coerce.number().int().min(60).max(86_400).default(900),
  TILLGATE_REFRESH_TOKEN_TTL: z.coerce
    .number()
    .int()
    .min(300)
    .default(30 * 86_400),
  TILLGATE_PUBLIC_URL: z.url().optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  TILLGATE_MAIL_FROM: z.string().min(3).optional(),
  TILLGATE_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TILLGATE_WS_MAX_SOCKETS_PER_CALLER: wsLimit(DEFAULT_WS_LIMITS.socketsPerCaller),
  TILLGATE_WS_MAX_SOCKETS_PER_IP: wsLimit(DEFAULT_WS_LIMITS.socketsPerIp),
  TILLGATE_WS_MAX_SUBSCRIPTIONS: wsLimit(DEFAULT_WS_LIMITS.subscriptionsPerSocket),
  TILLGATE_WS_MAX_MESSAGES_PER_SECOND: wsLimit(DEFAULT_WS_LIMITS.messagesPerSecond),
  TILLGATE_OUTBOUND_ALLOW_CIDRS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .refine((cidrs) => cidrs.every((c) => parseCidr(c)), 'must be comma-separated networks such as 10.1.0.0/16'),
  TILLGATE_RATE_LIMITS: flag.default(true),
  TILLGATE_LIMIT_AUTH_IP: rateRuleSetting.optional(),
  TILLGATE_LIMIT_AUTH_CLIENT: rateRuleSetting.optional(),
  TILLGATE_LIMIT_PANEL_IP: rateRuleSetting.optional(),
  TILLGATE_LIMIT_PAY_IP: rateRuleSetting.optional(),
  TILLGATE_LIMIT_LOGIN_EMAIL: rateRuleSetting.optional(),
  TILLGATE_LIMIT_ORDERS_TILL: rateRuleSetting.optional(),
  TILLGATE_LIMIT_EMAILS_MERCHANT: rateRuleSetting.optional(),
  TILLGATE_LIMIT_RESET_EMAIL: rateRuleSetting.optional(),
  TILLGATE_SHIPAY_ORDER_STATUS: z
    .enum(['200', '201'])
    .default('201')
    .transform((v) => (v === '200' ? 200 : 201)),
  TILLGATE_LOGIN_LOCKOUT_AFTER: z.coerce.number().int().min(0).max(1000).default(DEFAULT_LOCKOUT_AFTER),
  TILLGATE_TRUST_PROXY: z
    .string()
    .min(1)
    .transform((v) => (/^\d+$/.test(v) ? Number(v) : v))
    .optional(),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Absent: the embedded default (PGlite in `dataDir`). */
  readonly databaseUrl: string | undefined;
  /** Absent: the in-process event bus, for a single instance. */
  readonly redisUrl: string | undefined;
  readonly seedDemo: boolean;
  /** Start the provider emulators beside the gateway and route the demo merchant's wallets (pix, ame) to them. */
  readonly emulators: boolean;
  readonly jwtSecret: string | undefined;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly publicUrl: string | undefined;
  /** Absent: the panel's emails go to `<dataDir>/outbox/*.eml`. */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string | undefined;
  readonly logLevel: string;
  /** Absent: `/metrics` answers loopback callers only. */
  readonly metricsToken: string | undefined;
  readonly webSocketLimits: Readonly<WsLimits>;
  /** Internal networks webhooks and callbacks may reach (empty: public addresses only, loopback in test). */
  readonly outboundAllowCidrs: readonly string[];
  /** Null: `TILLGATE_RATE_LIMITS=0`, nothing is limited. */
  readonly rateLimits: Readonly<RateLimitRules> | null;
  /** Undefined: panel log-ins are never locked. */
  readonly loginLockoutAfter: number | undefined;
  /** What the Shipay-compatible `POST /order` answers. */
  readonly shipayOrderCreatedStatus: 200 | 201;
  readonly trustProxy: string | number | undefined;
}

export class ConfigError extends Error {}

/** Reads the environment once; a wrong value throws a one-line message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid ${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid value'}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.TILLGATE_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    seedDemo: e.TILLGATE_SEED_DEMO ?? e.DATABASE_URL === undefined,
    emulators: e.TILLGATE_EMULATORS ?? e.DATABASE_URL === undefined,
    jwtSecret: e.TILLGATE_JWT_SECRET,
    accessTokenTtlSeconds: e.TILLGATE_ACCESS_TOKEN_TTL,
    refreshTokenTtlSeconds: e.TILLGATE_REFRESH_TOKEN_TTL,
    publicUrl: e.TILLGATE_PUBLIC_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.TILLGATE_MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.TILLGATE_METRICS_TOKEN,
    webSocketLimits: Object.freeze({
      socketsPerCaller: e.TILLGATE_WS_MAX_SOCKETS_PER_CALLER,
      socketsPerIp: e.TILLGATE_WS_MAX_SOCKETS_PER_IP,
      subscriptionsPerSocket: e.TILLGATE_WS_MAX_SUBSCRIPTIONS,
      messagesPerSecond: e.TILLGATE_WS_MAX_MESSAGES_PER_SECOND,
    }),
    outboundAllowCidrs: Object.freeze(e.TILLGATE_OUTBOUND_ALLOW_CIDRS),
    rateLimits: e.TILLGATE_RATE_LIMITS
      ? Object.freeze({
          auth_ip: pick(e.TILLGATE_LIMIT_AUTH_IP, DEFAULT_RATE_RULES.auth_ip),
          auth_client: pick(e.TILLGATE_LIMIT_AUTH_CLIENT, DEFAULT_RATE_RULES.auth_client),
          panel_ip: pick(e.TILLGATE_LIMIT_PANEL_IP, DEFAULT_RATE_RULES.panel_ip),
          login_email: pick(e.TILLGATE_LIMIT_LOGIN_EMAIL, DEFAULT_RATE_RULES.login_email),
          pay_ip: pick(e.TILLGATE_LIMIT_PAY_IP, DEFAULT_RATE_RULES.pay_ip),
          orders_till: pick(e.TILLGATE_LIMIT_ORDERS_TILL, DEFAULT_RATE_RULES.orders_till),
          emails_merchant: pick(e.TILLGATE_LIMIT_EMAILS_MERCHANT, DEFAULT_RATE_RULES.emails_merchant),
          reset_email: pick(e.TILLGATE_LIMIT_RESET_EMAIL, DEFAULT_RATE_RULES.reset_email),
        })
      : null,
    loginLockoutAfter: e.TILLGATE_LOGIN_LOCKOUT_AFTER || undefined,
    shipayOrderCreatedStatus: e.TILLGATE_SHIPAY_ORDER_STATUS,
    trustProxy: e.TILLGATE_TRUST_PROXY,
  });
}

/** A variable that is set wins over the default, `off` included (which parses to null). */
function pick<T>(set: T | undefined, fallback: T): T {
  return set === undefined ? fallback : set;
}
