import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_WS_LIMITS, type WsLimits } from './events/ws-limits.js';

/** A WebSocket limit: a whole number, 0 for none. */
const wsLimit = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

import { parseCidr } from './domain/outbound-address.js';

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
  /** Start the provider emulators beside the gateway and route the demo merchant's `pix` wallet to them. */
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
  });
}
