// Cross-sector partnerships (seed 004, issue 14): a charter (purpose, vision, values, SMART
// goals, scope, the shared area), the member organizations and the pipeline of prospects, roles,
// commitments, documented disagreements, a multi-year plan of phases and activities, decisions
// with their follow-ups (the relationship follow-ups, with the decision they came from),
// measures at three levels with their results, and community engagement. Keyed by partnership:
// nothing here is member-keyed, so on Citus these are small reference tables.
import type { Kysely } from 'kysely';
import { runStatements } from '../statements.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE partnerships (
      partnership_id text PRIMARY KEY,
      name text NOT NULL,
      starts_on date NOT NULL,
      ends_on date,
      area_counties text[] NOT NULL DEFAULT '{}',
      area_zips text[] NOT NULL DEFAULT '{}',
      -- Optional member segments within the area, e.g. {"language": ["es"]}.
      area_segments jsonb NOT NULL DEFAULT '{}',
      -- purpose, impact, vision, values, goals, scope in and out: read and edited whole.
      charter jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE partnership_members (
      partnership_id text NOT NULL,
      partner_id text NOT NULL,
      stage text NOT NULL,
      strengths text NOT NULL DEFAULT '',
      cannot_do_alone text NOT NULL DEFAULT '',
      contributes text NOT NULL DEFAULT '',
      goals text NOT NULL DEFAULT '',
      PRIMARY KEY (partnership_id, partner_id)
    );
    CREATE TABLE partnership_roles (
      partnership_id text NOT NULL,
      role_id text NOT NULL,
      role text NOT NULL,
      person text NOT NULL,
      partner_id text,
      responsibilities text NOT NULL DEFAULT '',
      PRIMARY KEY (partnership_id, role_id)
    );
    CREATE TABLE partnership_commitments (
      partnership_id text NOT NULL,
      commitment_id text NOT NULL,
      partner_id text NOT NULL,
      what text NOT NULL,
      resources text NOT NULL DEFAULT '',
      cost numeric,
      borne_by text,
      status text NOT NULL,
      due_on date,
      PRIMARY KEY (partnership_id, commitment_id)
    );
    CREATE TABLE partnership_disagreements (
      partnership_id text NOT NULL,
      disagreement_id text NOT NULL,
      recorded_on date NOT NULL,
      topic text NOT NULL,
      positions text NOT NULL,
      how_we_proceed text NOT NULL,
      PRIMARY KEY (partnership_id, disagreement_id)
    );
    CREATE TABLE partnership_phases (
      partnership_id text NOT NULL,
      phase_id text NOT NULL,
      ordinal integer NOT NULL,
      name text NOT NULL,
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      PRIMARY KEY (partnership_id, phase_id)
    );
    CREATE TABLE partnership_activities (
      partnership_id text NOT NULL,
      activity_id text NOT NULL,
      phase_id text NOT NULL,
      title text NOT NULL,
      integrated boolean NOT NULL,
      milestone boolean NOT NULL DEFAULT false,
      owner_partner_id text,
      starts_on date NOT NULL,
      due_on date NOT NULL,
      done_on date,
      depends_on text[] NOT NULL DEFAULT '{}',
      PRIMARY KEY (partnership_id, activity_id)
    );
    CREATE TABLE partnership_decisions (
      partnership_id text NOT NULL,
      decision_id text NOT NULL,
      decided_on date NOT NULL,
      summary text NOT NULL,
      -- A scope change as decided: what entered and what left scope (null when scope is untouched).
      scope_change jsonb,
      PRIMARY KEY (partnership_id, decision_id)
    );
    -- Decision follow-ups are the relationship follow-ups, owned by a member organization.
    ALTER TABLE follow_ups ADD COLUMN partnership_id text, ADD COLUMN decision_id text;
    CREATE INDEX follow_ups_decision ON follow_ups (partnership_id, decision_id);
    CREATE TABLE partnership_measures (
      partnership_id text NOT NULL,
      measure_id text NOT NULL,
      level text NOT NULL,
      partner_id text,
      name text NOT NULL,
      unit text NOT NULL DEFAULT '',
      direction text NOT NULL,
      baseline double precision,
      target double precision,
      cycle text NOT NULL,
      due_days integer NOT NULL DEFAULT 30,
      metric_key text,
      PRIMARY KEY (partnership_id, measure_id)
    );
    CREATE TABLE partnership_results (
      partnership_id text NOT NULL,
      measure_id text NOT NULL,
      period text NOT NULL,
      value double precision NOT NULL,
      note text,
      entered_by text,
      entered_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (partnership_id, measure_id, period)
    );
    CREATE TABLE partnership_engagements (
      partnership_id text NOT NULL,
      engagement_id text NOT NULL,
      held_on date NOT NULL,
      title text NOT NULL,
      participants integer NOT NULL,
      groups_heard text[] NOT NULL DEFAULT '{}',
      what_we_heard text NOT NULL DEFAULT '',
      what_changed text NOT NULL DEFAULT '',
      PRIMARY KEY (partnership_id, engagement_id)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP TABLE partnership_engagements, partnership_results, partnership_measures, partnership_decisions,
      partnership_activities, partnership_phases, partnership_disagreements, partnership_commitments,
      partnership_roles, partnership_members, partnerships;
    DROP INDEX follow_ups_decision;
    ALTER TABLE follow_ups DROP COLUMN partnership_id, DROP COLUMN decision_id;
  `,
  );
}
