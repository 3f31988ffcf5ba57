import type {
  FieldErrorDraft,
  Page,
  ReportFormat,
  ReportSubscription,
  SubscriptionFrequency,
  SubscriptionReport,
} from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { nextSendingAt } from '../../domain/report-schedule.js';
import type { RateLimits } from '../../limits/rate-limits.js';
import { findMerchantProfile } from '../../store/merchant-profile.js';
import {
  deleteSubscription,
  findSubscription,
  insertSubscription,
  listSubscriptions,
  lockSubscription,
  type SubscriptionPatch,
  type SubscriptionRecord,
  updateSubscription,
} from '../../store/report-subscriptions.js';
import { findStore } from '../../store/stores.js';
import { findUserByEmail } from '../../store/users.js';
import { deliver } from '../accounts/account-emails.js';
import { authorize } from '../accounts/permissions.js';
import { type Actor, actorName, limitedStores, type Principal, seesStore } from '../accounts/principal.js';
import { decodeCursor } from '../cursor.js';
import type { Mailer } from '../delivery/mailer.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';
import { pageOf } from '../page.js';
import { type AuditChanges, type AuditedActor, changedFields, recordAudit } from '../security/audit.js';
import { confirmationEmail } from './emails.js';
import type { LinkPurpose, SubscriptionLinks } from './links.js';

export interface SubscriptionInput {
  email: string;
  report: SubscriptionReport;
  format: ReportFormat;
  store_id?: string | null | undefined;
  frequency: SubscriptionFrequency;
}

const DEFAULT_TIMEZONE = 'America/Sao_Paulo';
/** What the audit log shows of a subscription's changes. */
const AUDITED: ReadonlyArray<keyof SubscriptionRecord> = [
  'email',
  'report',
  'format',
  'storeId',
  'frequency',
  'status',
];

export const subscriptionView = (s: SubscriptionRecord): ReportSubscription => ({
  id: s.id,
  email: s.email,
  report: s.report,
  format: s.format,
  store_id: s.storeId,
  frequency: s.frequency,
  status: s.status,
  created_by: s.createdBy,
  confirmed_at: s.confirmedAt?.toISOString() ?? null,
  last_sent_at: s.lastSentAt?.toISOString() ?? null,
  next_send_at: s.status === 'active' ? (s.nextSendAt?.toISOString() ?? null) : null,
  last_error: s.lastError,
  next_attempt_at: s.nextAttemptAt?.toISOString() ?? null,
  created_at: s.createdAt.toISOString(),
});

/**
 * Report subscriptions ("Assinaturas"): who may (`reports.generate`; a store-limited user only for one of
 * their stores) adds, changes and removes recipients; a recipient outside the team confirms by a signed
 * link first; every recipient leaves by a signed link. Sending is `SubscriptionScheduler`'s.
 */
export class ReportSubscriptions {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly options: { mailer: Mailer; links: SubscriptionLinks; limits: RateLimits },
  ) {}

  async create(principal: Principal, input: SubscriptionInput): Promise<ReportSubscription> {
    const actor = authorize(principal, 'reports.generate');
    const storeId = await this.checked(actor, input);
    const now = this.deps.clock.now();
    const draft: SubscriptionRecord = {
      id: this.deps.ids('rsb'),
      merchantId: actor.merchantId,
      environment: actor.environment,
      email: input.email.toLowerCase(),
      report: input.report,
      format: input.format,
      storeId,
      frequency: input.frequency,
      status: 'pending_confirmation',
      createdBy: actorName(actor),
      confirmedAt: null,
      lastSentAt: null,
      nextSendAt: null,
      lastError: null,
      nextAttemptAt: null,
      createdAt: now,
      updatedAt: now,
    };
    const created = { ...draft, ...(await this.recipientState(draft)) };
    if (created.status === 'pending_confirmation')
      await this.options.limits.take([{ rule: 'emails_merchant', key: actor.merchantId }]);
    await this.deps.knex.transaction(async (trx) => {
      await insertSubscription(trx, created);
      await this.audit(trx, created, actor, 'report_subscription.created', changedFields(null, created, AUDITED));
    });
    await this.askConfirmation(created);
    return subscriptionView(created);
  }

  async get(principal: Principal, id: string): Promise<ReportSubscription> {
    const actor = authorize(principal, 'reports.generate');
    return subscriptionView(this.visible(actor, id, await findSubscription(this.deps.knex, id)));
  }

  async list(
    principal: Principal,
    q: { limit: number; cursor?: string | undefined },
  ): Promise<Page<ReportSubscription>> {
    const actor = authorize(principal, 'reports.generate');
    const rows = await listSubscriptions(
      this.deps.knex,
      { merchantId: actor.merchantId, environment: actor.environment, storeIds: limitedStores(actor) },
      q.limit + 1,
      q.cursor ? decodeCursor(q.cursor) : undefined,
    );
    return pageOf(rows, q.limit, subscriptionView);
  }

  /** A new address is a new recipient: confirmed again unless of the team; an unsubscribed one stays so otherwise. */
  async update(principal: Principal, id: string, input: Partial<SubscriptionInput>): Promise<ReportSubscription> {
    const actor = authorize(principal, 'reports.generate');
    const current = this.visible(actor, id, await findSubscription(this.deps.knex, id));
    const merged = {
      email: input.email ?? current.email,
      report: input.report ?? current.report,
      format: input.format ?? current.format,
      store_id: input.store_id === undefined ? current.storeId : input.store_id,
      frequency: input.frequency ?? current.frequency,
    };
    const storeId = await this.checked(actor, merged);
    const now = this.deps.clock.now();
    let patch: SubscriptionPatch = {
      email: merged.email.toLowerCase(),
      report: merged.report,
      format: merged.format,
      storeId,
      frequency: merged.frequency,
      updatedAt: now,
    };
    const newRecipient = patch.email !== current.email;
    if (newRecipient) patch = { ...patch, confirmedAt: null, ...(await this.recipientState({ ...current, ...patch })) };
    else if (current.status === 'active' && patch.frequency !== current.frequency)
      patch.nextSendAt = nextSendingAt(merged.frequency, now, await this.timezoneOf(current.merchantId));
    if (newRecipient && patch.status === 'pending_confirmation')
      await this.options.limits.take([{ rule: 'emails_merchant', key: actor.merchantId }]);
    const updated = await this.deps.knex.transaction(async (trx) => {
      const locked = this.visible(actor, id, await lockSubscription(trx, id));
      const after = await updateSubscription(trx, id, patch);
      await this.audit(trx, after, actor, 'report_subscription.updated', changedFields(locked, after, AUDITED));
      return after;
    });
    if (newRecipient) await this.askConfirmation(updated);
    return subscriptionView(updated);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const actor = authorize(principal, 'reports.generate');
    await this.deps.knex.transaction(async (trx) => {
      const current = this.visible(actor, id, await lockSubscription(trx, id));
      await deleteSubscription(trx, id);
      await this.audit(trx, current, actor, 'report_subscription.deleted', changedFields(current, null, AUDITED));
    });
  }

  /** What a recipient's link is about, for the page that asks them to press the button. */
  async describe(purpose: LinkPurpose, token: string): Promise<SubscriptionRecord> {
    return this.byLink(this.deps.knex, purpose, token);
  }

  /** The recipient agrees: a pending subscription becomes active (once; again is a no-op). */
  async confirm(token: string): Promise<SubscriptionRecord> {
    return this.byRecipient('confirm', token, (s) => (s.status === 'pending_confirmation' ? 'active' : undefined));
  }

  /** The recipient leaves, whatever the subscription's state; nothing more is sent to them. */
  async unsubscribe(token: string): Promise<SubscriptionRecord> {
    return this.byRecipient('unsubscribe', token, (s) => (s.status === 'unsubscribed' ? undefined : 'unsubscribed'));
  }

  private async byRecipient(
    purpose: LinkPurpose,
    token: string,
    next: (s: SubscriptionRecord) => 'active' | 'unsubscribed' | undefined,
  ): Promise<SubscriptionRecord> {
    return this.deps.knex.transaction(async (trx) => {
      const current = await this.byLink(trx, purpose, token, true);
      const status = next(current);
      if (!status) return current;
      const now = this.deps.clock.now();
      const patch: SubscriptionPatch =
        status === 'active'
          ? {
              status,
              confirmedAt: now,
              nextSendAt: nextSendingAt(current.frequency, now, await this.timezoneOf(current.merchantId, trx)),
              updatedAt: now,
            }
          : { status, nextSendAt: null, updatedAt: now };
      const after = await updateSubscription(trx, current.id, patch);
      await this.audit(
        trx,
        after,
        'anonymous',
        'report_subscription.updated',
        changedFields(current, after, ['status']),
      );
      return after;
    });
  }

  private async byLink(
    db: Knex | Knex.Transaction,
    purpose: LinkPurpose,
    token: string,
    lock = false,
  ): Promise<SubscriptionRecord> {
    const { links } = this.options;
    const id = links.idOf(token);
    const found = id
      ? lock
        ? await lockSubscription(db as Knex.Transaction, id)
        : await findSubscription(db, id)
      : undefined;
    if (!found || !links.verify(purpose, token, found))
      throw new ApiError('invalid_link', 'This link is not valid: the subscription was removed or its address changed');
    return found;
  }

  /** A member of the merchant's team is subscribed at once; anyone else confirms first. */
  private async recipientState(s: SubscriptionRecord): Promise<Pick<SubscriptionRecord, 'status' | 'nextSendAt'>> {
    const user = await findUserByEmail(this.deps.knex, s.email);
    if (user?.merchantId !== s.merchantId) return { status: 'pending_confirmation', nextSendAt: null };
    const timezone = await this.timezoneOf(s.merchantId);
    return { status: 'active', nextSendAt: nextSendingAt(s.frequency, this.deps.clock.now(), timezone) };
  }

  private async askConfirmation(s: SubscriptionRecord): Promise<void> {
    if (s.status !== 'pending_confirmation') return;
    const merchant = await findMerchantProfile(this.deps.knex, s.merchantId);
    const { links, mailer } = this.options;
    const message = confirmationEmail(
      s.email,
      { merchantName: merchant?.name ?? '', report: s.report, frequency: s.frequency },
      { confirm: links.url('confirm', s), unsubscribe: links.url('unsubscribe', s) },
    );
    await deliver(mailer, this.deps.log, message);
  }

  /** The store checked for this caller (null: every store, which a store-limited user may not ask). */
  private async checked(
    actor: Actor,
    input: Pick<SubscriptionInput, 'report' | 'format' | 'store_id'>,
  ): Promise<string | null> {
    const problems: FieldErrorDraft[] = [];
    if (input.report === 'daily' && input.format === 'csv-br')
      problems.push({ field: 'format', message: 'the daily summary comes as xlsx or csv' });
    if (!input.store_id && limitedStores(actor))
      problems.push({ field: 'store_id', message: 'is required: you reach only some stores' });
    if (problems.length > 0) throw new ApiError('validation_failed', 'The subscription has invalid fields', problems);
    if (!input.store_id) return null;
    const store = await findStore(this.deps.knex, input.store_id);
    if (!store || store.merchantId !== actor.merchantId || !seesStore(actor, store.id))
      throw notFound('Store', input.store_id);
    return store.id;
  }

  /** The merchant's subscription, seen by this caller; anything else reads as missing. */
  private visible(actor: Actor, id: string, s: SubscriptionRecord | undefined): SubscriptionRecord {
    if (!s || s.merchantId !== actor.merchantId || s.environment !== actor.environment)
      throw notFound('Subscription', id);
    const mine = limitedStores(actor);
    if (mine && (s.storeId === null || !mine.includes(s.storeId))) throw notFound('Subscription', id);
    return s;
  }

  /** Read on `db`: inside a transaction PGlite's one connection is the transaction's. */
  private async timezoneOf(merchantId: string, db: Knex | Knex.Transaction = this.deps.knex): Promise<string> {
    return (await findMerchantProfile(db, merchantId))?.timezone ?? DEFAULT_TIMEZONE;
  }

  /** Records a change of a subscription, by the merchant's side or (anonymous) by its recipient. */
  private async audit(
    db: Knex | Knex.Transaction,
    s: Pick<SubscriptionRecord, 'id' | 'merchantId' | 'environment'>,
    actor: AuditedActor,
    action: 'report_subscription.created' | 'report_subscription.updated' | 'report_subscription.deleted',
    changes: AuditChanges,
  ): Promise<void> {
    const { merchantId, environment } = s;
    const target = { type: 'report_subscription', id: s.id };
    await recordAudit(this.deps, db, { merchantId, environment, actor, action, target, changes });
  }
}
