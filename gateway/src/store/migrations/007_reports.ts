import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * Sales files: each is a job (claimed with a lease, so an instance that dies mid-file leaves it to
 * another) and, once ready, its bytes in chunks, so every instance can serve the download.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    CREATE TABLE reports (
      id text PRIMARY KEY,
      merchant_id text NOT NULL REFERENCES merchants(id),
      environment text NOT NULL CHECK (environment IN ('test', 'live')),
      kind text NOT NULL CHECK (kind IN ('sales')),
      format text NOT NULL CHECK (format IN ('xlsx', 'csv', 'csv-br')),
      status text NOT NULL CHECK (status IN ('generating', 'ready', 'failed')),
      filters jsonb NOT NULL,
      -- The stores the requester was limited to when asking (null: every store), enforced at generation.
      scope_store_ids text[],
      timezone text NOT NULL,
      filename text NOT NULL,
      requested_by text NOT NULL,
      rows_done integer NOT NULL DEFAULT 0,
      rows_total integer,
      failure_reason text,
      size_bytes bigint,
      attempts integer NOT NULL DEFAULT 0,
      lease_until timestamptz NOT NULL,
      created_at timestamptz NOT NULL,
      completed_at timestamptz,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX reports_merchant_recent ON reports (merchant_id, environment, created_at DESC, id DESC);
    CREATE INDEX reports_generating ON reports (lease_until) WHERE status = 'generating';
    CREATE INDEX reports_expiry ON reports (expires_at);

    -- Keyed by attempt too: an instance presumed dead that wakes up cannot mix its pieces into the file.
    CREATE TABLE report_chunks (
      report_id text NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
      attempt integer NOT NULL,
      seq integer NOT NULL,
      data bytea NOT NULL,
      PRIMARY KEY (report_id, attempt, seq)
    )
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, 'DROP TABLE report_chunks;\nDROP TABLE reports');
}
