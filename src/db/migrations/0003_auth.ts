// Accounts, sessions, API tokens and the audit trail of access to member data. Secrets are
// stored only as hashes. The audit log is append-only: a trigger refuses updates and deletes.
import type { Kysely } from 'kysely';
import { runStatements } from '../statements.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE users (
      user_id text PRIMARY KEY,
      email text NOT NULL UNIQUE,
      password_hash text NOT NULL,
      role text NOT NULL,
      partner_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      disabled_at timestamptz
    );
    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      user_id text NOT NULL,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE TABLE api_tokens (
      token_id text PRIMARY KEY,
      user_id text NOT NULL,
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      last_used_at timestamptz
    );
    CREATE TABLE audit_log (
      member_id text NOT NULL,
      audit_id text NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      role text NOT NULL,
      access text NOT NULL,
      via text NOT NULL,
      ip text,
      PRIMARY KEY (member_id, audit_id)
    );
    CREATE INDEX audit_log_at ON audit_log (at);
    CREATE INDEX audit_log_actor ON audit_log (actor, at);
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
    CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP TABLE audit_log, api_tokens, sessions, users;
    DROP FUNCTION audit_log_append_only;
  `,
  );
}
