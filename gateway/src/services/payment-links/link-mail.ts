import { linkEmail } from '../../domain/payment-link.js';
import { findMerchantProfile } from '../../store/merchant-profile.js';
import { claimQueuedMail, type PaymentLinkRecord, settleMail } from '../../store/payment-links.js';
import { findStore } from '../../store/stores.js';
import type { Mailer } from '../delivery/mailer.js';
import type { ServiceDeps } from '../deps.js';
import { DEFAULT_TIME_ZONE } from '../reports/daily-reports.js';
import type { LinkTokens } from './link-tokens.js';

export interface LinkMailOptions {
  /** Emails claimed per round. */
  batchSize?: number;
  /** Sent at once within a round. */
  concurrency?: number;
  /** How long a claimed email is this instance's before another may take it over. */
  leaseMs?: number;
  /** Attempts before a failing server (not a refusal) fails the link. */
  maxAttempts?: number;
}

/**
 * Sends the links' emails after their commit: each instance claims queued emails with SKIP LOCKED under a
 * lease, so several instances share the queue and none sends one twice, and an instance that dies
 * mid-send leaves its emails to another once the lease ends. A refusal by the SMTP server (5xx, or a
 * recipient it rejects) fails the link; a server that does not answer is tried again later.
 */
export class LinkMail {
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly mailer: Mailer,
    private readonly tokens: LinkTokens,
    options: LinkMailOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.concurrency = options.concurrency ?? 8;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  /** Sends queued emails until none is left; returns how many were settled. */
  async sendDue(): Promise<number> {
    let settled = 0;
    for (;;) {
      const now = this.deps.clock.now();
      const claimed = await claimQueuedMail(
        this.deps.knex,
        now,
        new Date(now.getTime() + this.leaseMs),
        this.batchSize,
      );
      if (claimed.length === 0) return settled;
      const context = new Context(this.deps);
      const queue = [...claimed];
      const lanes = Array.from({ length: Math.min(this.concurrency, queue.length) }, async () => {
        for (let link = queue.shift(); link; link = queue.shift()) if (await this.send(link, context)) settled++;
      });
      await Promise.all(lanes);
    }
  }

  private async send(link: PaymentLinkRecord, context: Context): Promise<boolean> {
    const { store, timeZone } = await context.of(link);
    const email = linkEmail({
      template: link.template,
      message: link.message,
      store,
      amount: link.amount,
      reference: link.orderRef,
      link: `${this.deps.publicUrl().replace(/\/$/, '')}/pay/${this.tokens.tokenOf(link.id)}`,
      expiresAt: link.expiresAt,
      timeZone,
      buyerRef: link.buyerRef,
      test: link.environment === 'test',
    });
    try {
      await this.mailer.send({ to: link.email, bcc: link.bcc.length > 0 ? link.bcc : undefined, ...email });
      return settleMail(this.deps.knex, link, { mailStatus: 'sent' });
    } catch (err) {
      const refused = isRefusal(err) || link.mailAttempts >= this.maxAttempts;
      const { message, ...codes } = errorSummary(err);
      // A server's answer often quotes the address, personal data: the log has its codes and the link only.
      this.deps.log.warn({ ...codes, payment_link_id: link.id, refused }, 'payment link email not sent');
      if (!refused) return false;
      return settleMail(this.deps.knex, link, { mailStatus: 'failed', error: message });
    }
  }
}

/** Store names and the merchant's zone, read once per round. */
class Context {
  private readonly cache = new Map<string, Promise<{ store: string; timeZone: string }>>();
  constructor(private readonly deps: ServiceDeps) {}

  of(link: PaymentLinkRecord): Promise<{ store: string; timeZone: string }> {
    let found = this.cache.get(link.storeId);
    if (!found) {
      found = Promise.all([
        findStore(this.deps.knex, link.storeId),
        findMerchantProfile(this.deps.knex, link.merchantId),
      ]).then(([store, merchant]) => ({
        store: store?.name ?? '',
        timeZone: merchant?.timezone ?? DEFAULT_TIME_ZONE,
      }));
      this.cache.set(link.storeId, found);
    }
    return found;
  }
}

/** nodemailer's SMTP answer: a 5xx is the server's refusal, final; anything else may pass on a retry. */
function isRefusal(err: unknown): boolean {
  const e = err as { responseCode?: number; code?: string };
  return (typeof e.responseCode === 'number' && e.responseCode >= 500) || e.code === 'EENVELOPE';
}

const errorSummary = (err: unknown): { message: string; code?: string; responseCode?: number } => {
  const e = err as { message?: string; code?: string; responseCode?: number };
  return { message: String(e.message ?? err).slice(0, 300), code: e.code, responseCode: e.responseCode };
};
