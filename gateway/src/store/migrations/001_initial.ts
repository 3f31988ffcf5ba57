import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    CREATE TABLE gateway_settings (key text PRIMARY KEY, value text NOT NULL);

    CREATE TABLE merchants (
      id text PRIMARY KEY,
      name text NOT NULL,
      created_at timestamptz NOT NULL
    );

    CREATE TABLE stores (
      id text PRIMARY KEY,
      merchant_id text NOT NULL REFERENCES merchants(id),
      name text NOT NULL,
      cnpj text,
      address text,
      phone text,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX stores_merchant ON stores (merchant_id);

    -- A store's till credentials, one live pair per environment; the secret is kept as a SHA-256 hash.
    CREATE TABLE store_credentials (
      access_key text PRIMARY KEY,
      store_id text NOT NULL REFERENCES stores(id),
      merchant_id text NOT NULL REFERENCES merchants(id),
      environment text NOT NULL CHECK (environment IN ('test', 'live')),
      secret_hash text NOT NULL,
      created_at timestamptz NOT NULL,
      revoked_at timestamptz
    );
    CREATE UNIQUE INDEX store_credentials_current ON store_credentials (store_id, environment) WHERE revoked_at IS NULL;

    CREATE TABLE tills (
      id text PRIMARY KEY,
      merchant_id text NOT NULL REFERENCES merchants(id),
      store_id text NOT NULL REFERENCES stores(id),
      client_id text NOT NULL UNIQUE,
      name text NOT NULL,
      category text NOT NULL CHECK (category IN ('physical', 'ecommerce')),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX tills_store ON tills (store_id);

    CREATE TABLE app_credentials (
      app_name text PRIMARY KEY,
      merchant_id text NOT NULL REFERENCES merchants(id),
      environment text NOT NULL CHECK (environment IN ('test', 'live')),
      secret_hash text NOT NULL,
      created_at timestamptz NOT NULL
    );

    -- Rotating refresh tokens: each use marks the token used and issues the next one of its family,
    -- and presenting a used token revokes the whole family.
    CREATE TABLE refresh_tokens (
      token_hash text PRIMARY KEY,
      family_id text NOT NULL,
      principal jsonb NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

    CREATE TABLE provider_accounts (
      id text PRIMARY KEY,
      merchant_id text NOT NULL REFERENCES merchants(id),
      environment text NOT NULL CHECK (environment IN ('test', 'live')),
      adapter text NOT NULL,
      provider text NOT NULL,
      name text NOT NULL,
      config jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL
    );

    -- A provider account offers a wallet to a whole store or to one till.
    CREATE TABLE wallet_associations (
      id bigserial PRIMARY KEY,
      provider_account_id text NOT NULL REFERENCES provider_accounts(id),
      wallet text NOT NULL,
      store_id text REFERENCES stores(id),
      till_id text REFERENCES tills(id),
      CHECK ((store_id IS NULL) <> (till_id IS NULL))
    );
    CREATE INDEX wallet_associations_store ON wallet_associations (store_id) WHERE store_id IS NOT NULL;
    CREATE INDEX wallet_associations_till ON wallet_associations (till_id) WHERE till_id IS NOT NULL;

    CREATE TABLE orders (
      id text PRIMARY KEY,
      merchant_id text NOT NULL REFERENCES merchants(id),
      environment text NOT NULL,
      store_id text NOT NULL,
      till_id text NOT NULL,
      order_ref text NOT NULL,
      wallet text NOT NULL,
      provider text NOT NULL,
      provider_account_id text NOT NULL,
      provider_ref text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'approved', 'expired', 'cancelled', 'partially_refunded', 'refunded')),
      amount bigint NOT NULL CHECK (amount > 0),
      paid_amount bigint NOT NULL DEFAULT 0,
      refunded_amount bigint NOT NULL DEFAULT 0,
      reserved_amount bigint NOT NULL DEFAULT 0,
      qr_code_text text NOT NULL,
      deep_link text,
      items jsonb NOT NULL DEFAULT '[]',
      buyer jsonb,
      metadata jsonb NOT NULL DEFAULT '{}',
      callback_url text,
      payment jsonb,
      late_payment jsonb,
      cancel_reason text,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      paid_at timestamptz,
      CHECK (refunded_amount <= reserved_amount AND reserved_amount <= paid_amount)
    );
    CREATE INDEX orders_merchant_recent ON orders (merchant_id, environment, created_at DESC, id DESC);
    CREATE INDEX orders_till_recent ON orders (till_id, created_at DESC, id DESC);
    CREATE INDEX orders_pending_deadline ON orders (expires_at) WHERE status = 'pending';
    CREATE UNIQUE INDEX orders_one_pending_ref ON orders (till_id, order_ref) WHERE status = 'pending';

    -- Every payment the provider reports, applied to its order or not; a repeat of the same one is ignored.
    CREATE TABLE payments (
      order_id text NOT NULL REFERENCES orders(id),
      provider_payment_id text NOT NULL,
      amount bigint NOT NULL,
      paid_at timestamptz NOT NULL,
      payer jsonb NOT NULL DEFAULT '{}',
      applied boolean NOT NULL,
      reason text,
      PRIMARY KEY (order_id, provider_payment_id)
    );

    CREATE TABLE refunds (
      id text PRIMARY KEY,
      order_id text NOT NULL REFERENCES orders(id),
      merchant_id text NOT NULL,
      environment text NOT NULL,
      provider_payment_id text NOT NULL,
      amount bigint NOT NULL CHECK (amount > 0),
      reason text,
      automatic boolean NOT NULL DEFAULT false,
      status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
      failure_reason text,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      created_at timestamptz NOT NULL,
      settled_at timestamptz
    );
    CREATE INDEX refunds_order ON refunds (order_id, created_at);
    CREATE INDEX refunds_due ON refunds (next_attempt_at) WHERE status = 'pending';

    -- Stored responses of writes that carried an Idempotency-Key, per caller.
    CREATE TABLE idempotency_keys (
      scope text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      response_status integer NOT NULL,
      resource_id text NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (scope, key)
    );

    -- The per merchant environment event counter: its row lock, held to commit, orders commits by seq.
    CREATE TABLE event_sequences (
      merchant_id text NOT NULL,
      environment text NOT NULL,
      last_seq bigint NOT NULL,
      PRIMARY KEY (merchant_id, environment)
    );

    CREATE TABLE events (
      merchant_id text NOT NULL,
      environment text NOT NULL,
      seq bigint NOT NULL,
      id text NOT NULL UNIQUE,
      type text NOT NULL,
      order_id text,
      store_id text,
      till_id text,
      data jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (merchant_id, environment, seq)
    );
    CREATE INDEX events_till ON events (till_id, seq);
    CREATE INDEX events_store ON events (store_id, seq);
    CREATE INDEX events_order ON events (order_id, seq);
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE events, event_sequences, idempotency_keys, refunds, payments, orders, wallet_associations,
      provider_accounts, refresh_tokens, app_credentials, tills, store_credentials, stores, merchants, gateway_settings;
  `);
}
