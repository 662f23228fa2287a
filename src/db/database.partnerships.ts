// Table types of cross-sector partnerships (seed 004, issue 14), for Kysely.
import type { ColumnType, Generated } from 'kysely';

type DateCol = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string, string>;

export interface PartnershipsTable {
  partnership_id: string;
  name: string;
  starts_on: DateCol;
  ends_on: DateCol | null;
  area_counties: string[];
  area_zips: string[];
  area_segments: Json;
  charter: Json;
  created_at: Generated<Date>;
}
export interface PartnershipMembersTable {
  partnership_id: string;
  partner_id: string;
  stage: string;
  strengths: string;
  cannot_do_alone: string;
  contributes: string;
  goals: string;
}
export interface PartnershipRolesTable {
  partnership_id: string;
  role_id: string;
  role: string;
  person: string;
  partner_id: string | null;
  responsibilities: string;
}
export interface PartnershipCommitmentsTable {
  partnership_id: string;
  commitment_id: string;
  partner_id: string;
  what: string;
  resources: string;
  cost: ColumnType<string | null, number | null, number | null>;
  borne_by: string | null;
  status: string;
  due_on: DateCol | null;
}
export interface PartnershipDisagreementsTable {
  partnership_id: string;
  disagreement_id: string;
  recorded_on: DateCol;
  topic: string;
  positions: string;
  how_we_proceed: string;
}
export interface PartnershipPhasesTable {
  partnership_id: string;
  phase_id: string;
  ordinal: number;
  name: string;
  starts_on: DateCol;
  ends_on: DateCol;
}
export interface PartnershipActivitiesTable {
  partnership_id: string;
  activity_id: string;
  phase_id: string;
  title: string;
  integrated: boolean;
  milestone: boolean;
  owner_partner_id: string | null;
  starts_on: DateCol;
  due_on: DateCol;
  done_on: DateCol | null;
  depends_on: string[];
}
export interface PartnershipDecisionsTable {
  partnership_id: string;
  decision_id: string;
  decided_on: DateCol;
  summary: string;
  scope_change: Json | null;
}
export interface PartnershipMeasuresTable {
  partnership_id: string;
  measure_id: string;
  level: string;
  partner_id: string | null;
  name: string;
  unit: string;
  direction: string;
  baseline: number | null;
  target: number | null;
  cycle: string;
  due_days: number;
  metric_key: string | null;
}
export interface PartnershipResultsTable {
  partnership_id: string;
  measure_id: string;
  period: string;
  value: number;
  note: string | null;
  entered_by: string | null;
  entered_at: Generated<Date>;
}
export interface PartnershipEngagementsTable {
  partnership_id: string;
  engagement_id: string;
  held_on: DateCol;
  title: string;
  participants: number;
  groups_heard: string[];
  what_we_heard: string;
  what_changed: string;
}
