import type { Knex } from 'knex';

/** Where seeded sales go: one store's till and provider account of a merchant's test environment. */
export interface SalesPlace {
  merchantId: string;
  storeId: string;
  tillId: string;
  accountId: string;
  provider: string;
}

export async function demoPlace(knex: Knex, merchantId: string, tillId: string): Promise<SalesPlace> {
  const till = await knex('tills').where({ id: tillId }).first('store_id');
  const account = await knex('provider_accounts')
    .where({ merchant_id: merchantId, environment: 'test' })
    .orderBy('id')
    .first('id', 'provider');
  return { merchantId, storeId: till.store_id, tillId, accountId: account.id, provider: account.provider };
}

/**
 * Inserts `count` orders in one statement (what 100,000 sales through the API would take minutes to
 * make), one every `stepMs` from `first`: statuses cycle through every closed status (a pending one would
 * expire under the test), amounts vary, paid ones
 * carry a payment id, refunded ones a refunded amount, cancelled ones a reason.
 */
export async function seedSales(
  knex: Knex,
  place: SalesPlace,
  q: { count: number; first: Date; stepMs: number; tag: string },
): Promise<void> {
  await knex.raw(
    `WITH s AS (
       SELECT i, (ARRAY['approved','refunded','partially_refunded','cancelled','expired','approved'])[1 + i % 6] AS status,
              100 + (i * 7919) % 99901 AS amount,
              :first::timestamptz + (i::bigint * :stepMs::bigint) * interval '1 millisecond' AS created_at
         FROM generate_series(0, :count - 1) AS i
     )
     INSERT INTO orders (id, merchant_id, environment, store_id, till_id, order_ref, wallet, provider, provider_account_id,
                         provider_ref, status, amount, paid_amount, refunded_amount, reserved_amount, qr_code_text,
                         payment, cancel_reason, created_at, expires_at, paid_at)
     SELECT 'ord_' || :tag || lpad(i::text, 26 - length(:tag), '0'), :merchantId, 'test', :storeId, :tillId,
            'REF-' || :tag || '-' || i, (ARRAY['pix','picpay','mercadopago'])[1 + i % 3], :provider, :accountId,
            'prv-' || :tag || '-' || i, status, amount,
            CASE WHEN status IN ('approved','refunded','partially_refunded') THEN amount ELSE 0 END,
            CASE status WHEN 'refunded' THEN amount WHEN 'partially_refunded' THEN amount / 3 ELSE 0 END,
            CASE status WHEN 'refunded' THEN amount WHEN 'partially_refunded' THEN amount / 3 ELSE 0 END,
            'qr',
            CASE WHEN status IN ('approved','refunded','partially_refunded')
                 THEN jsonb_build_object('provider_payment_id', 'E2E' || :tag || i) END,
            CASE WHEN status = 'cancelled' THEN 'requested' END,
            created_at, created_at + interval '1 hour',
            CASE WHEN status IN ('approved','refunded','partially_refunded') THEN created_at + interval '30 seconds' END
       FROM s`,
    { ...place, ...q, first: q.first.toISOString() },
  );
}
