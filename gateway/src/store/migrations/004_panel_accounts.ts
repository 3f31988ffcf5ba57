import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/** The panel's people: users and their cookie sessions, emailed one-time links, and the merchant's onboarding. */
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    ALTER TABLE merchants ADD COLUMN cnpj text;
    ALTER TABLE merchants ADD COLUMN timezone text NOT NULL DEFAULT 'America/Sao_Paulo';
    ALTER TABLE merchants ADD COLUMN activated_at timestamptz;
    ALTER TABLE merchants ADD COLUMN terms_accepted_at timestamptz;

    -- store_ids NULL: every store of the merchant. password_hash NULL: invited, no password chosen yet.
    CREATE TABLE users (
      id text PRIMARY KEY,
      merchant_id text NOT NULL REFERENCES merchants(id),
      email text NOT NULL,
      name text NOT NULL,
      password_hash text,
      role text NOT NULL CHECK (role IN ('admin', 'manager', 'clerk')),
      store_ids jsonb,
      status text NOT NULL CHECK (status IN ('invited', 'active')),
      created_at timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX users_email ON users (lower(email));
    CREATE INDEX users_merchant ON users (merchant_id, id);

    -- The cookie is an opaque token; only its SHA-256 is kept.
    CREATE TABLE panel_sessions (
      token_hash text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      environment text NOT NULL CHECK (environment IN ('test', 'live')),
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL
    );
    CREATE INDEX panel_sessions_user ON panel_sessions (user_id);

    CREATE TABLE email_tokens (
      hash text PRIMARY KEY,
      purpose text NOT NULL CHECK (purpose IN ('activate', 'reset', 'invite')),
      user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX email_tokens_user ON email_tokens (user_id);

    CREATE TABLE merchant_documents (
      id text PRIMARY KEY,
      merchant_id text NOT NULL REFERENCES merchants(id),
      name text NOT NULL,
      content_type text NOT NULL,
      size integer NOT NULL,
      bytes bytea NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX merchant_documents_merchant ON merchant_documents (merchant_id, id);
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DROP TABLE merchant_documents;
    DROP TABLE email_tokens;
    DROP TABLE panel_sessions;
    DROP TABLE users;
    ALTER TABLE merchants DROP COLUMN terms_accepted_at;
    ALTER TABLE merchants DROP COLUMN activated_at;
    ALTER TABLE merchants DROP COLUMN timezone;
    ALTER TABLE merchants DROP COLUMN cnpj;
  `,
  );
}
