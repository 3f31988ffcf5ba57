import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * Payment links by email: one row per recipient, its payment an ordinary order at the store's virtual
 * e-commerce till. The link's token is derived from its id with the gateway key and only its SHA-256 is
 * kept; `mail_status` is the sending queue instances share (claimed with SKIP LOCKED, leased).
 * Stores gain the manager's address (blind copies) and whether a link must carry a reference.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    ALTER TABLE stores ADD COLUMN manager_email text;
    ALTER TABLE stores ADD COLUMN order_ref_required boolean NOT NULL DEFAULT false;
    CREATE TABLE payment_links (
      id text PRIMARY KEY,
      merchant_id text NOT NULL REFERENCES merchants(id),
      environment text NOT NULL CHECK (environment IN ('test', 'live')),
      store_id text NOT NULL REFERENCES stores(id),
      order_ref text NOT NULL,
      email text NOT NULL,
      buyer_ref text,
      amount bigint NOT NULL CHECK (amount > 0),
      message text,
      template text,
      bcc text[] NOT NULL DEFAULT '{}',
      -- NULL: every wallet of the store.
      wallets text[],
      status text NOT NULL CHECK (status IN ('sent', 'opened', 'paid', 'expired', 'cancelled', 'failed')),
      mail_status text NOT NULL CHECK (mail_status IN ('queued', 'sent', 'failed')),
      mail_attempts integer NOT NULL DEFAULT 0,
      mail_lease_until timestamptz,
      mail_error text,
      token_hash text NOT NULL UNIQUE,
      created_by text NOT NULL,
      order_id text REFERENCES orders(id),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      opened_at timestamptz,
      paid_at timestamptz
    );
    CREATE INDEX payment_links_merchant_recent ON payment_links (merchant_id, environment, created_at DESC, id DESC);
    CREATE INDEX payment_links_mail_queue ON payment_links (created_at) WHERE mail_status = 'queued';
    CREATE INDEX payment_links_open_deadline ON payment_links (expires_at) WHERE status IN ('sent', 'opened');
    CREATE INDEX payment_links_order ON payment_links (order_id) WHERE order_id IS NOT NULL
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DROP TABLE payment_links;
    ALTER TABLE stores DROP COLUMN order_ref_required;
    ALTER TABLE stores DROP COLUMN manager_email
  `,
  );
}
