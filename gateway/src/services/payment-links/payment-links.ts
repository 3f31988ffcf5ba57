import type { FieldErrorDraft, Page, PaymentLink, PaymentLinkStatus, Wallet } from '@tillgate/sdk/protocol';
import { DEFAULT_EXPIRES_IN, recipientsOf, referencesFor } from '../../domain/payment-link.js';
import {
  ensureLinkTill,
  findLink,
  insertLinks,
  type LinkFilter,
  listLinks,
  lockLink,
  OPEN_STATUSES,
  type PaymentLinkRecord,
  requeueMail,
  storeLinkSettings,
} from '../../store/payment-links.js';
import { findStore } from '../../store/stores.js';
import { findUserById } from '../../store/users.js';
import { authorize } from '../accounts/permissions.js';
import { type Actor, type Principal, seesStore } from '../accounts/principal.js';
import { decodeCursor } from '../cursor.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';
import { pageOf } from '../page.js';
import { recordAudit } from '../security/audit.js';
import { LinkLifecycle } from './link-lifecycle.js';
import type { LinkTokens } from './link-tokens.js';

export interface CreateLinksInput {
  store_id: string;
  amount: number;
  currency: 'BRL';
  order_ref?: string | undefined;
  emails: string | string[];
  buyer_ref?: string | undefined;
  bcc?: { store_manager?: boolean | undefined; me?: boolean | undefined; other?: string | undefined } | undefined;
  message?: string | undefined;
  template?: string | undefined;
  expires_in?: number | undefined;
  wallets?: Wallet[] | undefined;
}

export interface ListLinksInput {
  status?: PaymentLinkStatus | undefined;
  store_id?: string | undefined;
  order_ref?: string | undefined;
  created_from?: Date | undefined;
  created_to?: Date | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** The name of each store's virtual e-commerce till, which the links' orders are made at. */
const LINK_TILL_NAME = 'Links de pagamento';

/**
 * Payment links for the merchant side: create one per recipient (all or none, emailed after the commit by
 * the mail worker), list, read, resend and cancel. A link's payment is an ordinary order: `PayPage`.
 */
export class PaymentLinkService {
  readonly lifecycle: LinkLifecycle;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly tokens: LinkTokens,
  ) {
    this.lifecycle = new LinkLifecycle(deps, (l) => this.view(l));
  }

  view(l: PaymentLinkRecord): PaymentLink {
    return {
      id: l.id,
      url: `${this.deps.publicUrl().replace(/\/$/, '')}/pay/${this.tokens.tokenOf(l.id)}`,
      store_id: l.storeId,
      environment: l.environment,
      order_ref: l.orderRef,
      email: l.email,
      buyer_ref: l.buyerRef,
      amount: l.amount,
      currency: 'BRL',
      message: l.message,
      wallets: l.wallets,
      status: l.status,
      mail_status: l.mailStatus,
      expires_at: l.expiresAt.toISOString(),
      created_at: l.createdAt.toISOString(),
      opened_at: l.openedAt?.toISOString() ?? null,
      paid_at: l.paidAt?.toISOString() ?? null,
      order_id: l.orderId,
    };
  }

  async create(principal: Principal, input: CreateLinksInput): Promise<{ data: PaymentLink[] }> {
    const actor = authorize(principal, 'payment_links.manage');
    const { emails, bcc } = await this.checked(actor, input);
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + (input.expires_in ?? DEFAULT_EXPIRES_IN) * 1000);
    const references = referencesFor(input.order_ref ?? '', emails.length);
    const links: PaymentLinkRecord[] = emails.map((email, i) => {
      const id = this.deps.ids('pl');
      return {
        id,
        merchantId: actor.merchantId,
        environment: actor.environment,
        storeId: input.store_id,
        orderRef: references[i] as string,
        email,
        buyerRef: input.buyer_ref ?? null,
        amount: input.amount,
        message: input.message ?? null,
        template: input.template ?? null,
        bcc,
        wallets: input.wallets ? [...new Set(input.wallets)] : null,
        status: 'sent',
        mailStatus: 'queued',
        mailAttempts: 0,
        tokenHash: this.tokens.hashOf(this.tokens.tokenOf(id)),
        createdBy: actor.kind === 'user' ? actor.userId : actor.kind === 'app' ? actor.appName : actor.tillId,
        orderId: null,
        createdAt: now,
        expiresAt,
        openedAt: null,
        paidAt: null,
      };
    });
    await this.deps.knex.transaction(async (trx) => {
      await ensureLinkTill(
        trx,
        { id: input.store_id, merchantId: actor.merchantId },
        { id: this.deps.ids('till'), name: LINK_TILL_NAME, now },
      );
      await insertLinks(trx, links);
      await recordAudit(this.deps, trx, {
        merchantId: actor.merchantId,
        environment: actor.environment,
        actor,
        action: 'payment_link.created',
        target: { type: 'store', id: input.store_id },
        changes: { links: { before: null, after: links.length } },
      });
    });
    return { data: links.map((l) => this.view(l)) };
  }

  /** Every refusal at once, and before anything is written: a request is taken whole or not at all. */
  private async checked(actor: Actor, input: CreateLinksInput): Promise<{ emails: string[]; bcc: string[] }> {
    const errors: FieldErrorDraft[] = [];
    const recipients = recipientsOf(input.emails);
    if (recipients.emails.length === 0) errors.push({ field: 'emails', message: 'names no recipient' });
    for (const p of recipients.problems) errors.push({ field: `emails.${p.index}`, message: p.message });
    const store = await findStore(this.deps.knex, input.store_id);
    const settings = store && (await storeLinkSettings(this.deps.knex, store.id));
    const known =
      store && settings && store.merchantId === actor.merchantId && store.active && seesStore(actor, store.id);
    if (!known) errors.push({ field: 'store_id', message: 'unknown or inactive store' });
    if (known && settings.orderRefRequired && !input.order_ref)
      errors.push({ field: 'order_ref', code: 'required', message: "is required by this store's settings" });
    const bcc: string[] = [];
    if (input.bcc?.store_manager) {
      if (known && settings.managerEmail) bcc.push(settings.managerEmail);
      else if (known) errors.push({ field: 'bcc.store_manager', message: 'the store has no manager email' });
    }
    if (input.bcc?.me) {
      const me = actor.kind === 'user' ? await findUserById(this.deps.knex, actor.userId) : undefined;
      if (me) bcc.push(me.email);
      else errors.push({ field: 'bcc.me', message: 'only a panel user has an address of their own' });
    }
    if (input.bcc?.other) bcc.push(input.bcc.other);
    if (errors.length > 0) throw new ApiError('validation_failed', 'The request has invalid fields', errors);
    return { emails: recipients.emails, bcc: [...new Set(bcc)] };
  }

  async list(principal: Principal, input: ListLinksInput): Promise<Page<PaymentLink>> {
    const actor = authorize(principal, 'payment_links.manage');
    const filter: LinkFilter = {
      merchantId: actor.merchantId,
      environment: actor.environment,
      storeIds: actor.kind === 'user' ? (actor.storeIds ?? undefined) : undefined,
      storeId: input.store_id,
      status: input.status,
      orderRef: input.order_ref,
      createdFrom: input.created_from,
      createdTo: input.created_to,
    };
    const rows = await listLinks(
      this.deps.knex,
      filter,
      input.limit + 1,
      input.cursor ? decodeCursor(input.cursor) : undefined,
    );
    return pageOf(rows, input.limit, (l) => this.view(l));
  }

  async get(principal: Principal, id: string): Promise<PaymentLink> {
    const actor = authorize(principal, 'payment_links.manage');
    return this.view(visible(actor, await findLink(this.deps.knex, id), id));
  }

  /** Sends the email again (the same link); a link whose email failed is `sent` again. */
  async resend(principal: Principal, id: string): Promise<PaymentLink> {
    const actor = authorize(principal, 'payment_links.manage');
    const link = await this.deps.knex.transaction(async (trx) => {
      const link = visible(actor, await lockLink(trx, id), id);
      if (!OPEN_STATUSES.includes(link.status) && link.status !== 'failed') throw closed(link);
      return requeueMail(trx, id);
    });
    return this.view(link);
  }

  /** Closes the link, and its pending order with it: its page says so and it creates no order again. */
  async cancel(principal: Principal, id: string): Promise<PaymentLink> {
    const actor = authorize(principal, 'payment_links.manage');
    const link = visible(actor, await findLink(this.deps.knex, id), id);
    const cancelled = await this.lifecycle.close(id, 'cancelled', (trx, before) =>
      recordAudit(this.deps, trx, {
        merchantId: actor.merchantId,
        environment: actor.environment,
        actor,
        action: 'payment_link.cancelled',
        target: { type: 'payment_link', id },
        changes: { status: { before: before.status, after: 'cancelled' } },
      }).then(() => undefined),
    );
    if (!cancelled) throw closed((await findLink(this.deps.knex, id)) ?? link);
    return this.view(cancelled);
  }
}

/** The link if this caller sees it; another merchant's, environment's or store's reads as missing. */
function visible(actor: Actor, link: PaymentLinkRecord | undefined, id: string): PaymentLinkRecord {
  if (
    !link ||
    link.merchantId !== actor.merchantId ||
    link.environment !== actor.environment ||
    !seesStore(actor, link.storeId)
  )
    throw notFound('Payment link', id);
  return link;
}

export const closed = (link: { id: string; status: PaymentLinkStatus }): ApiError =>
  new ApiError('payment_link_closed', `Payment link ${link.id} is ${link.status}`);
