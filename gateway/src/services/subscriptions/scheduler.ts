import { latestSendingDay, nextSendingAt, periodEndedBy } from '../../domain/report-schedule.js';
import { findMerchantProfile } from '../../store/merchant-profile.js';
import {
  claimDueSending,
  findSubscription,
  insertSending,
  lockDueSubscriptions,
  recordSendingOutcome,
  type SendingRecord,
  settleSending,
  updateSubscription,
} from '../../store/report-subscriptions.js';
import type { Mailer } from '../delivery/mailer.js';
import type { ServiceDeps } from '../deps.js';
import type { ReportAttachments } from '../reports/attachments.js';
import { reportEmail } from './emails.js';
import type { SubscriptionLinks } from './links.js';

export interface SchedulerTiming {
  /** How long a claimed sending is an instance's before another may try it; longer than any render and send. */
  leaseMs?: number;
  /** The wait after the first failure, doubled after each (up to an hour). */
  retryBaseMs?: number;
  /** Attempts before a sending is given up; the subscription shows the last error. */
  maxAttempts?: number;
}

const HOUR_MS = 3_600_000;
const PLAN_BATCH = 50;

/**
 * Sends report subscriptions at 06:00 merchant time on their sending days. Planning inserts one
 * sending per (subscription, period) under a unique key, in the transaction that moves the
 * subscription's next sending on, so however many instances plan, a period is claimed once; sending
 * claims each due sending with SKIP LOCKED and a lease, renders the file and mails it, and on failure
 * tries again with backoff, showing the error on the subscription.
 */
export class SubscriptionScheduler {
  private readonly leaseMs: number;
  private readonly retryBaseMs: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly options: { mailer: Mailer; links: SubscriptionLinks; attachments: ReportAttachments },
    timing: SchedulerTiming = {},
  ) {
    this.leaseMs = timing.leaseMs ?? 10 * 60_000;
    this.retryBaseMs = timing.retryBaseMs ?? 60_000;
    this.maxAttempts = timing.maxAttempts ?? 8;
  }

  /** Plans what is due, then sends due sendings one after another; returns how many went out. */
  async runDue(): Promise<number> {
    while ((await this.plan()) === PLAN_BATCH);
    let sent = 0;
    for (;;) {
      const now = this.deps.clock.now();
      const sending = await claimDueSending(this.deps.knex, now, new Date(now.getTime() + this.leaseMs));
      if (!sending) return sent;
      if (await this.send(sending)) sent++;
    }
  }

  /** Claims the latest due period of each subscription whose time has come; returns how many it planned. */
  private async plan(): Promise<number> {
    const now = this.deps.clock.now();
    return this.deps.knex.transaction(async (trx) => {
      const due = await lockDueSubscriptions(trx, now, PLAN_BATCH);
      for (const s of due) {
        // A gateway down for days sends the period just ended, not every one it missed.
        const period = periodEndedBy(s.frequency, latestSendingDay(s.frequency, now, s.timezone));
        await insertSending(trx, {
          id: this.deps.ids('rsd'),
          subscriptionId: s.id,
          periodFirst: period.first,
          periodLast: period.last,
          now,
        });
        await updateSubscription(trx, s.id, {
          nextSendAt: nextSendingAt(s.frequency, now, s.timezone),
          updatedAt: now,
        });
      }
      return due.length;
    });
  }

  private async send(sending: SendingRecord): Promise<boolean> {
    const subscription = await findSubscription(this.deps.knex, sending.subscriptionId);
    if (subscription?.status !== 'active') {
      await settleSending(this.deps.knex, sending, { status: 'cancelled' });
      return false;
    }
    const log = this.deps.log.child({ subscriptionId: subscription.id, sendingId: sending.id });
    try {
      const merchant = await findMerchantProfile(this.deps.knex, subscription.merchantId);
      const period = { first: sending.periodFirst, last: sending.periodLast };
      const attachment = await this.options.attachments.render(
        subscription.report,
        subscription.format,
        {
          merchantId: subscription.merchantId,
          environment: subscription.environment,
          storeId: subscription.storeId,
          timeZone: merchant?.timezone ?? 'America/Sao_Paulo',
        },
        period,
      );
      const unsubscribe = this.options.links.url('unsubscribe', subscription);
      await this.options.mailer.send(
        reportEmail(
          subscription.email,
          { merchantName: merchant?.name ?? '', report: subscription.report, period },
          attachment,
          { unsubscribe },
        ),
      );
    } catch (err) {
      await this.failed(sending, describe(err));
      const { responseCode, name } = err as { responseCode?: number; name?: string };
      log.warn({ attempt: sending.attempts, smtpCode: responseCode, error: name }, 'report subscription not sent');
      return false;
    }
    const at = this.deps.clock.now();
    await this.deps.knex.transaction(async (trx) => {
      if (await settleSending(trx, sending, { status: 'sent', at }))
        await recordSendingOutcome(trx, sending.subscriptionId, { sentAt: at });
    });
    log.info({ period: sending.periodFirst }, 'report subscription sent');
    return true;
  }

  private async failed(sending: SendingRecord, error: string): Promise<void> {
    const last = sending.attempts >= this.maxAttempts;
    const wait = Math.min(this.retryBaseMs * 2 ** (sending.attempts - 1), HOUR_MS);
    const nextAttemptAt = new Date(this.deps.clock.now().getTime() + wait);
    await this.deps.knex.transaction(async (trx) => {
      const settled = await settleSending(trx, sending, { status: last ? 'failed' : 'pending', error, nextAttemptAt });
      if (settled)
        await recordSendingOutcome(trx, sending.subscriptionId, { error, nextAttemptAt: last ? null : nextAttemptAt });
    });
  }
}

/**
 * What the merchant sees of a failure: the SMTP reply code and text, or the error's message, short.
 * The recipient's address may be in it; it is the merchant's own record, and logs carry only ids.
 */
function describe(err: unknown): string {
  const e = err as { responseCode?: number; response?: string; message?: string };
  const text = e.responseCode ? `SMTP ${e.responseCode}: ${e.response ?? ''}` : (e.message ?? String(err));
  return text.slice(0, 300);
}
