import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    -- The signing secret is needed in clear to sign, so it is kept encrypted with the gateway key.
    CREATE TABLE webhook_endpoints (
      id text PRIMARY KEY,
      merchant_id text NOT NULL REFERENCES merchants(id),
      environment text NOT NULL CHECK (environment IN ('test', 'live')),
      url text NOT NULL,
      event_types text[] NOT NULL,
      secret_encrypted text NOT NULL,
      status text NOT NULL CHECK (status IN ('active', 'disabled')),
      failing_since timestamptz,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX webhook_endpoints_merchant ON webhook_endpoints (merchant_id, environment) WHERE status = 'active';

    -- One row per event and destination (an endpoint, or an order's callback_url), written in the
    -- transaction of the event, so an acknowledged change always has its deliveries queued.
    CREATE TABLE webhook_deliveries (
      id text PRIMARY KEY,
      merchant_id text NOT NULL,
      environment text NOT NULL,
      endpoint_id text REFERENCES webhook_endpoints(id),
      url text NOT NULL,
      event_seq bigint NOT NULL,
      event_id text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      last_status_code integer,
      last_error text,
      created_at timestamptz NOT NULL,
      delivered_at timestamptz
    );
    CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
    CREATE INDEX webhook_deliveries_merchant ON webhook_deliveries (merchant_id, environment, created_at DESC, id DESC);

    CREATE TABLE webhook_attempts (
      delivery_id text NOT NULL REFERENCES webhook_deliveries(id),
      attempt integer NOT NULL,
      attempted_at timestamptz NOT NULL,
      status_code integer,
      error text,
      duration_ms integer NOT NULL,
      PRIMARY KEY (delivery_id, attempt)
    );
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE webhook_attempts, webhook_deliveries, webhook_endpoints');
}
