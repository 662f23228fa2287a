// What the HTTP API adds: voiding and correcting actions (recorded, never silent), idempotent
// recording, and import jobs whose state lives in the database so any server process can answer.
import type { Kysely } from 'kysely';
import { runStatements } from '../statements.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE actions ADD COLUMN voided_at timestamptz;
    CREATE TABLE action_corrections (
      member_id text NOT NULL,
      correction_id text NOT NULL,
      action_id text NOT NULL,
      kind text NOT NULL,
      before jsonb NOT NULL,
      after jsonb,
      reason text NOT NULL,
      corrected_at timestamptz NOT NULL DEFAULT now(),
      corrected_by text NOT NULL,
      PRIMARY KEY (member_id, correction_id)
    );
    CREATE INDEX action_corrections_action ON action_corrections (action_id);
    CREATE TABLE api_idempotency (
      key text PRIMARY KEY,
      request_hash text NOT NULL,
      status integer NOT NULL,
      response jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE import_jobs (
      job_id text PRIMARY KEY,
      status text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      progress jsonb,
      report jsonb,
      error text
    );
    CREATE TABLE import_job_rejects (
      job_id text NOT NULL,
      file text NOT NULL,
      content text NOT NULL,
      PRIMARY KEY (job_id, file)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP TABLE import_job_rejects, import_jobs, api_idempotency, action_corrections;
    ALTER TABLE actions DROP COLUMN voided_at;
  `,
  );
}
