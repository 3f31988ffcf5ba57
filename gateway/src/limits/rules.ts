import { z } from 'zod';

/** A limit: at most `limit` hits per key in each window of `windowMs`. */
export interface RateRule {
  limit: number;
  windowMs: number;
}

/**
 * Every limit the gateway enforces, by name (the name is the `RateLimit-Policy` the answer carries);
 * null turns one off. The default is set for people and real tills, never for a load test.
 */
export interface RateLimitRules {
  /** `/v1/auth/*` per client IP. */
  auth_ip: RateRule | null;
  /** `/v1/auth/till` per client id, `/v1/auth/app` per app name. */
  auth_client: RateRule | null;
  /** The panel's account routes without a session (log-in, sign-up, reset, links) per client IP. */
  panel_ip: RateRule | null;
  /** Panel log-in attempts per email address. */
  login_email: RateRule | null;
  /** The hosted pages of payment links and their API (which make orders) per client IP: no session stands behind them. */
  pay_ip: RateRule | null;
  /** `POST /v1/orders` per till: generous, a busy till never meets it. */
  orders_till: RateRule | null;
  /** Emails (password resets, invitations) per merchant. */
  emails_merchant: RateRule | null;
  /** Password reset requests per email address, so no one's inbox can be flooded. */
  reset_email: RateRule | null;
}

export type RateRuleName = keyof RateLimitRules;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DEFAULT_RATE_RULES: Readonly<RateLimitRules> = Object.freeze({
  auth_ip: { limit: 300, windowMs: MINUTE },
  auth_client: { limit: 30, windowMs: MINUTE },
  panel_ip: { limit: 60, windowMs: MINUTE },
  login_email: { limit: 10, windowMs: 5 * MINUTE },
  pay_ip: { limit: 120, windowMs: MINUTE },
  orders_till: { limit: 1200, windowMs: MINUTE },
  emails_merchant: { limit: 100, windowMs: HOUR },
  reset_email: { limit: 5, windowMs: HOUR },
});

/** Failed panel log-ins in a row (within a day) that lock an email address until its emailed link is opened. */
export const DEFAULT_LOCKOUT_AFTER = 10;

const UNIT_MS = { s: 1000, m: MINUTE, h: HOUR } as const;

/** `300/1m`, `5/1h`, `20/30s`; `0` or `off` turns the limit off. */
export const rateRuleSetting = z
  .string()
  .trim()
  .regex(/^(off|0|[1-9]\d*\/[1-9]\d*[smh])$/, 'must be like 300/1m, 20/30s or 5/1h (or off)')
  .transform((v): RateRule | null => {
    if (v === 'off' || v === '0') return null;
    const [limit, window] = v.split('/') as [string, string];
    const unit = window.at(-1) as keyof typeof UNIT_MS;
    return { limit: Number(limit), windowMs: Number(window.slice(0, -1)) * UNIT_MS[unit] };
  });
