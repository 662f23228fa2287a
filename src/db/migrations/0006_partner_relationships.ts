// Partner relationships (SPEC.md §7): partner profiles, attributions (member-keyed, so they
// shard with the member), value-based contracts and their yearly measure sets, reported
// results, touchpoints and follow-ups, and the contract scorecard as it stood at a review.
// Measure figures are double precision: targets, weights and reported values are ratios or
// small decimals, compared and multiplied, never summed as money across many rows.
import type { Kysely } from 'kysely';
import { runStatements } from '../statements.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE partners
      ADD COLUMN counties text[] NOT NULL DEFAULT '{}',
      ADD COLUMN services text[] NOT NULL DEFAULT '{}',
      ADD COLUMN payer_mix text,
      ADD COLUMN funding_sources text[] NOT NULL DEFAULT '{}',
      ADD COLUMN funding_cycle text,
      ADD COLUMN mission text,
      ADD COLUMN strategic_alignment text,
      ADD COLUMN success_measures text,
      ADD COLUMN website text,
      ADD COLUMN formal_cadence_days integer NOT NULL DEFAULT 90,
      ADD COLUMN informal_cadence_days integer NOT NULL DEFAULT 30,
      ADD COLUMN demographics text,
      ADD COLUMN health_status text,
      ADD COLUMN delivery_model text,
      ADD COLUMN legal_requirements text,
      ADD COLUMN viability text;
    CREATE TABLE partner_contacts (
      partner_id text NOT NULL,
      contact_id text NOT NULL,
      name text NOT NULL,
      title text,
      email text,
      phone text,
      PRIMARY KEY (partner_id, contact_id)
    );
    CREATE TABLE attributions (
      member_id text NOT NULL,
      partner_id text NOT NULL,
      attributed_from date NOT NULL,
      attributed_to date,
      basis text,
      PRIMARY KEY (member_id, attributed_from)
    );
    CREATE INDEX attributions_partner ON attributions (partner_id);
    CREATE TABLE contracts (
      contract_id text PRIMARY KEY,
      partner_id text NOT NULL,
      name text NOT NULL,
      arrangement text NOT NULL,
      starts_on date NOT NULL,
      ends_on date,
      line_of_business text,
      max_incentive double precision,
      renewal_notice_days integer
    );
    CREATE INDEX contracts_partner ON contracts (partner_id);
    CREATE TABLE contract_measures (
      contract_id text NOT NULL,
      year integer NOT NULL,
      measure_id text NOT NULL,
      name text NOT NULL,
      source text NOT NULL,
      metric text,
      tier text,
      direction text NOT NULL,
      threshold double precision NOT NULL,
      target double precision NOT NULL,
      weight double precision NOT NULL,
      PRIMARY KEY (contract_id, year, measure_id)
    );
    CREATE TABLE measure_results (
      contract_id text NOT NULL,
      measure_id text NOT NULL,
      period text NOT NULL,
      value double precision NOT NULL,
      numerator double precision,
      denominator double precision,
      reported_on date,
      PRIMARY KEY (contract_id, measure_id, period)
    );
    CREATE TABLE touchpoints (
      touchpoint_id text PRIMARY KEY,
      partner_id text NOT NULL,
      occurred_on date NOT NULL,
      kind text NOT NULL,
      type text NOT NULL,
      contract_id text,
      staff_ids text[] NOT NULL DEFAULT '{}',
      summary text,
      next_step text
    );
    CREATE INDEX touchpoints_partner ON touchpoints (partner_id, occurred_on);
    CREATE TABLE follow_ups (
      follow_up_id text PRIMARY KEY,
      partner_id text NOT NULL,
      touchpoint_id text,
      title text NOT NULL,
      owner_staff_id text,
      due_on date NOT NULL,
      done_on date
    );
    CREATE INDEX follow_ups_partner ON follow_ups (partner_id, due_on);
    -- A scorecard review keeps the contract scorecard as reviewed that day (issue 13).
    CREATE TABLE scorecard_snapshots (
      touchpoint_id text NOT NULL,
      contract_id text NOT NULL,
      period text NOT NULL,
      taken_at timestamptz NOT NULL DEFAULT now(),
      rows jsonb NOT NULL,
      PRIMARY KEY (touchpoint_id, contract_id)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP TABLE scorecard_snapshots, follow_ups, touchpoints, measure_results, contract_measures, contracts, attributions, partner_contacts;
    ALTER TABLE partners
      DROP COLUMN counties, DROP COLUMN services, DROP COLUMN payer_mix, DROP COLUMN funding_sources,
      DROP COLUMN funding_cycle, DROP COLUMN mission, DROP COLUMN strategic_alignment, DROP COLUMN success_measures,
      DROP COLUMN website, DROP COLUMN formal_cadence_days, DROP COLUMN informal_cadence_days,
      DROP COLUMN demographics, DROP COLUMN health_status, DROP COLUMN delivery_model,
      DROP COLUMN legal_requirements, DROP COLUMN viability;
  `,
  );
}
