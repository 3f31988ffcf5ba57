import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * The audit log: one hash chain per merchant. `audit_chain_heads` holds each chain's last seq and hash; an
 * append locks that row, so concurrent appends on any instance take turns and never fork the chain. The
 * gateway only inserts: triggers refuse UPDATE, DELETE and TRUNCATE of entries, and the chain shows
 * whatever someone with the power to disable them changed.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    CREATE TABLE audit_chain_heads (
      merchant_id text PRIMARY KEY,
      seq bigint NOT NULL,
      hash text NOT NULL
    );

    CREATE TABLE audit_events (
      id text PRIMARY KEY,
      merchant_id text NOT NULL,
      seq bigint NOT NULL,
      environment text CHECK (environment IN ('test', 'live')),
      actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'app', 'till', 'anonymous')),
      actor_id text,
      action text NOT NULL,
      target_type text,
      target_id text,
      changes jsonb NOT NULL,
      ip text,
      user_agent text,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      created_at timestamptz NOT NULL,
      UNIQUE (merchant_id, seq)
    );
    CREATE INDEX audit_events_merchant_created ON audit_events (merchant_id, created_at DESC, id DESC);

    CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege'; END $$;

    CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();

    CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DROP TABLE audit_events;
    DROP FUNCTION audit_events_refuse_change();
    DROP TABLE audit_chain_heads
  `,
  );
}
