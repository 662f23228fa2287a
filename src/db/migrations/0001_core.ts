// The ledger's tables (SPEC.md §1). No foreign keys between member-keyed tables: a sharded
// layout cannot keep them, so the importer checks references itself (and rejects the row).
import type { Kysely } from 'kysely';
import { runStatements } from '../statements.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE partners (
      partner_id text PRIMARY KEY,
      name text NOT NULL,
      kind text NOT NULL
    );
    CREATE TABLE staff (
      staff_id text PRIMARY KEY,
      name text,
      role text NOT NULL,
      partner_id text,
      hired_on date NOT NULL,
      left_on date
    );
    CREATE TABLE campaigns (
      campaign_id text PRIMARY KEY,
      name text NOT NULL,
      starts_on date NOT NULL,
      ends_on date,
      partner_ids text[] NOT NULL DEFAULT '{}'
    );
    CREATE TABLE members (
      member_id text PRIMARY KEY,
      birth_date date,
      sex text,
      race text,
      ethnicity text,
      language text,
      county text,
      zip text,
      risk_tier text NOT NULL,
      pcp_id text,
      pcp_assignment text
    );
    CREATE TABLE enrollments (
      member_id text NOT NULL,
      line_of_business text NOT NULL,
      product text NOT NULL,
      enrolled_from date NOT NULL,
      enrolled_to date,
      PRIMARY KEY (member_id, enrolled_from)
    );
    CREATE INDEX enrollments_span ON enrollments (enrolled_from, enrolled_to);
    CREATE TABLE actions (
      member_id text NOT NULL,
      action_id text NOT NULL,
      action_type text NOT NULL,
      occurred_at timestamptz NOT NULL,
      staff_id text,
      channel text,
      outcome text,
      personalized boolean NOT NULL DEFAULT false,
      campaign_id text,
      partner_id text,
      minutes integer,
      PRIMARY KEY (member_id, action_id)
    );
    CREATE INDEX actions_action_id ON actions (action_id);
    CREATE INDEX actions_occurred_at ON actions (occurred_at);
    CREATE INDEX actions_member_type_time ON actions (member_id, action_type, occurred_at);
    CREATE TABLE member_activity (
      member_id text NOT NULL,
      row_key text NOT NULL,
      activity_id text,
      activity_type text NOT NULL,
      occurred_at timestamptz NOT NULL,
      PRIMARY KEY (member_id, row_key)
    );
    CREATE INDEX member_activity_row_key ON member_activity (row_key);
    CREATE INDEX member_activity_occurred_at ON member_activity (occurred_at);
    CREATE TABLE care_programs (
      member_id text NOT NULL,
      program text NOT NULL,
      enrolled_on date NOT NULL,
      disenrolled_on date,
      PRIMARY KEY (member_id, program, enrolled_on)
    );
    CREATE TABLE caseload (
      member_id text NOT NULL,
      staff_id text NOT NULL,
      assigned_on date NOT NULL,
      unassigned_on date,
      PRIMARY KEY (member_id, staff_id, assigned_on)
    );
    CREATE TABLE renewals (
      member_id text NOT NULL,
      due_on date NOT NULL,
      PRIMARY KEY (member_id, due_on)
    );
    CREATE INDEX renewals_due_on ON renewals (due_on);
    CREATE TABLE settings (
      key text PRIMARY KEY,
      value text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP TABLE settings, renewals, caseload, care_programs, member_activity, actions,
      enrollments, members, campaigns, staff, partners;
  `,
  );
}
