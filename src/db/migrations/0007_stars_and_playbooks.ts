// CMS Star Ratings as published (one release at a time: a load replaces the previous one), and
// each partner's playbook and gap analysis (seed 003) as one validated document per partner:
// narrative that is read and edited whole, never aggregated.
import type { Kysely } from 'kysely';
import { runStatements } from '../statements.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE star_contracts (
      contract_id text PRIMARY KEY,
      organization_type text NOT NULL,
      contract_name text NOT NULL,
      marketing_name text NOT NULL,
      parent_organization text NOT NULL,
      part_c_summary double precision,
      part_d_summary double precision,
      overall double precision,
      note text
    );
    CREATE TABLE star_measures (
      contract_id text NOT NULL,
      measure_code text NOT NULL,
      measure_name text NOT NULL,
      stars double precision,
      value double precision,
      percent boolean NOT NULL,
      raw text,
      PRIMARY KEY (contract_id, measure_code)
    );
    CREATE TABLE star_cut_points (
      part text NOT NULL,
      org_type text NOT NULL,
      measure_code text NOT NULL,
      measure_name text NOT NULL,
      stars integer NOT NULL,
      lower double precision,
      lower_inclusive boolean NOT NULL,
      upper double precision,
      upper_inclusive boolean NOT NULL,
      percent boolean NOT NULL,
      PRIMARY KEY (org_type, measure_code, stars)
    );
    CREATE TABLE partner_playbooks (
      partner_id text PRIMARY KEY,
      doc jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, `DROP TABLE partner_playbooks, star_cut_points, star_measures, star_contracts;`);
}
