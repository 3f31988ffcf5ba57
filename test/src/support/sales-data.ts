import { randomBytes } from 'node:crypto';
import { DEMO_MERCHANT_ID } from '@tillgate/gateway';
import { ORDER_STATUSES, type OrderStatus, WALLETS, type Wallet } from '@tillgate/sdk/protocol';
import fc from 'fast-check';
import type { Knex } from 'knex';
import { expect } from 'vitest';
import type { TestGateway } from './gateway.js';
import { emailedToken, PanelSession } from './panel.js';

/** A sale as a report sees it: when it was made, paid and refunded (refunds at their settlement time). */
export interface SaleSpec {
  store: number;
  till: number;
  wallet: Wallet;
  status: OrderStatus;
  amount: number;
  /** Minutes after the data set's start. */
  createdAt: number;
  /** Minutes after creation that the payment came, for paid statuses. */
  paidAfter: number;
  /** Settled refunds in minutes after payment and their share of what was paid, in per mille. */
  refunds: Array<{ after: number; share: number }>;
  /** A failed refund and an automatic refund of a late payment, which no total may count. */
  noise: boolean;
}

/** Past any test clock: when a pending sale's wait ends. */
const STILL_OPEN = new Date('2100-01-01T00:00:00Z');

const PAID: ReadonlySet<OrderStatus> = new Set(['approved', 'partially_refunded', 'refunded']);

export const saleSpec = (spanMinutes: number): fc.Arbitrary<SaleSpec> =>
  fc.record({
    store: fc.nat(1),
    till: fc.nat(1),
    wallet: fc.constantFrom(...WALLETS),
    status: fc.constantFrom(...ORDER_STATUSES),
    amount: fc.oneof(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 10_000_000 })),
    createdAt: fc.integer({ min: 0, max: spanMinutes }),
    paidAfter: fc.integer({ min: 0, max: 59 }),
    refunds: fc.array(
      fc.record({ after: fc.integer({ min: 0, max: 5 * 24 * 60 }), share: fc.integer({ min: 1, max: 600 }) }),
      {
        minLength: 1,
        maxLength: 2,
      },
    ),
    noise: fc.boolean(),
  });

/** Where each store's index of a spec points: the demo store and a second store of the merchant. */
export interface SalesPlace {
  stores: readonly string[];
  tills: readonly (readonly string[])[];
}

let counter = 0;
const newId = (prefix: string) =>
  `${prefix}_${(Date.now().toString(36) + (++counter).toString(36) + randomBytes(10).toString('hex')).toUpperCase().slice(0, 26).padEnd(26, '0')}`;

/**
 * Replaces the demo merchant's test orders with these sales, written straight to the tables as the gateway
 * leaves them (paid, refunded amounts and settled refunds agreeing), so a property run costs milliseconds.
 */
export async function replaceSales(knex: Knex, place: SalesPlace, start: Date, specs: readonly SaleSpec[]) {
  const mine = knex('orders').select('id').where({ merchant_id: DEMO_MERCHANT_ID, environment: 'test' });
  await knex('refunds').whereIn('order_id', mine).del();
  await knex('payments').whereIn('order_id', mine).del();
  await knex('orders').where({ merchant_id: DEMO_MERCHANT_ID, environment: 'test' }).del();
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
  const orders: Record<string, unknown>[] = [];
  const refunds: Record<string, unknown>[] = [];
  for (const s of specs) {
    const id = newId('ord');
    const createdAt = at(s.createdAt);
    const paid = PAID.has(s.status);
    const paidAt = paid ? at(s.createdAt + s.paidAfter) : null;
    const settled: Array<{ amount: number; at: Date }> = [];
    if (s.status === 'refunded' || s.status === 'partially_refunded') {
      let left = s.status === 'refunded' ? s.amount : Math.max(0, s.amount - 1);
      for (const [i, r] of s.refunds.entries()) {
        const last = i === s.refunds.length - 1 && s.status === 'refunded';
        const amount = last ? left : Math.min(left, Math.max(1, Math.floor((s.amount * r.share) / 1000)));
        if (amount <= 0) continue;
        left -= amount;
        settled.push({ amount, at: at(s.createdAt + s.paidAfter + r.after) });
      }
    }
    const refunded = settled.reduce((sum, r) => sum + r.amount, 0);
    const status = s.status === 'partially_refunded' && refunded === 0 ? 'approved' : s.status;
    const storeId = place.stores[s.store] as string;
    orders.push({
      id,
      merchant_id: DEMO_MERCHANT_ID,
      environment: 'test',
      store_id: storeId,
      till_id: place.tills[s.store]?.[s.till] ?? place.tills[s.store]?.[0],
      order_ref: `R-${id.slice(-8)}`,
      wallet: s.wallet,
      provider: 'sandbox',
      provider_account_id: 'pac_TEST',
      provider_ref: id,
      status,
      amount: s.amount,
      paid_amount: paid ? s.amount : 0,
      refunded_amount: refunded,
      reserved_amount: refunded,
      qr_code_text: 'qr',
      created_at: createdAt,
      // A pending order is one still awaiting payment: were its hour over by the gateway's clock, the expiry
      // worker would turn it `expired` between two reads of a test, so it is left open (reports read only
      // its creation).
      expires_at: status === 'pending' ? STILL_OPEN : at(s.createdAt + 60),
      paid_at: paidAt,
    });
    const refund = (amount: number, at: Date, extra: Record<string, unknown>) =>
      refunds.push({
        id: newId('ref'),
        order_id: id,
        merchant_id: DEMO_MERCHANT_ID,
        environment: 'test',
        provider_payment_id: `pay_${id}`,
        amount,
        status: 'succeeded',
        created_at: at,
        settled_at: at,
        ...extra,
      });
    for (const r of settled) refund(r.amount, r.at, {});
    if (s.noise && paidAt) {
      refund(1, paidAt, { status: 'failed', failure_reason: 'recusado' });
      refund(s.amount, paidAt, { automatic: true });
    }
  }
  for (let i = 0; i < orders.length; i += 500) await knex('orders').insert(orders.slice(i, i + 500));
  for (let i = 0; i < refunds.length; i += 500) await knex('refunds').insert(refunds.slice(i, i + 500));
}

/** The admin invites a member; the member accepts from the emailed link and is logged in. */
export async function invitedMember(
  t: TestGateway,
  admin: PanelSession,
  role: 'admin' | 'manager' | 'clerk',
  storeIds: string[] | null = null,
): Promise<PanelSession> {
  const email = `${role}-${randomBytes(4).toString('hex')}@example.com`;
  const invited = await admin.call('POST', '/v1/users', { body: { email, role, store_ids: storeIds } });
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);
  const token = await emailedToken(t.api, email, 'invite');
  const accepted = await t.api.call('POST', '/v1/panel/invitations/accept', {
    body: { token, name: 'Pessoa Convidada', password: 'senha-muito-segura' },
  });
  return PanelSession.from(t.api, accepted);
}
