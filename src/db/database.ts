// Table types for Kysely. Member-keyed tables carry member_id first in their primary key so a
// distributed PostgreSQL (Citus) can shard them by member_id; the small tables are reference tables.
import type { ImportJobStatus } from '../domain/ledger/vocabulary.js';
import type { ColumnType, Generated } from 'kysely';

type DateCol = ColumnType<string, string, string>;
type TimestampCol = ColumnType<Date, Date | string, Date | string>;

export interface PartnersTable {
  partner_id: string;
  name: string;
  kind: string;
  counties: ColumnType<string[], string[] | undefined, string[]>;
  services: ColumnType<string[], string[] | undefined, string[]>;
  payer_mix: string | null;
  funding_sources: ColumnType<string[], string[] | undefined, string[]>;
  funding_cycle: string | null;
  mission: string | null;
  strategic_alignment: string | null;
  success_measures: string | null;
  website: string | null;
  formal_cadence_days: Generated<number>;
  informal_cadence_days: Generated<number>;
  demographics: string | null;
  health_status: string | null;
  delivery_model: string | null;
  legal_requirements: string | null;
  viability: string | null;
}
export interface PartnerContactsTable {
  partner_id: string;
  contact_id: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
}
/** Member-keyed: one partner at a time per member (SPEC.md §7.1). */
export interface AttributionsTable {
  member_id: string;
  partner_id: string;
  attributed_from: DateCol;
  attributed_to: DateCol | null;
  basis: string | null;
}
export interface ContractsTable {
  contract_id: string;
  partner_id: string;
  name: string;
  arrangement: string;
  starts_on: DateCol;
  ends_on: DateCol | null;
  line_of_business: string | null;
  max_incentive: number | null;
  renewal_notice_days: number | null;
}
export interface ContractMeasuresTable {
  contract_id: string;
  year: number;
  measure_id: string;
  name: string;
  source: string;
  metric: string | null;
  tier: string | null;
  direction: string;
  threshold: number;
  target: number;
  weight: number;
}
export interface MeasureResultsTable {
  contract_id: string;
  measure_id: string;
  period: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  reported_on: DateCol | null;
}
export interface TouchpointsTable {
  touchpoint_id: string;
  partner_id: string;
  occurred_on: DateCol;
  kind: string;
  type: string;
  contract_id: string | null;
  staff_ids: ColumnType<string[], string[] | undefined, string[]>;
  summary: string | null;
  next_step: string | null;
}
export interface FollowUpsTable {
  follow_up_id: string;
  partner_id: string;
  touchpoint_id: string | null;
  title: string;
  owner_staff_id: string | null;
  due_on: DateCol;
  done_on: DateCol | null;
}
export interface ScorecardSnapshotsTable {
  touchpoint_id: string;
  contract_id: string;
  period: string;
  taken_at: Generated<Date>;
  rows: ColumnType<unknown, string, string>;
}
export interface StaffTable {
  staff_id: string;
  name: string | null;
  role: string;
  partner_id: string | null;
  hired_on: DateCol;
  left_on: DateCol | null;
}
export interface MembersTable {
  member_id: string;
  birth_date: DateCol | null;
  sex: string | null;
  race: string | null;
  ethnicity: string | null;
  language: string | null;
  county: string | null;
  zip: string | null;
  risk_tier: string;
  pcp_id: string | null;
  pcp_assignment: string | null;
}
export interface EnrollmentsTable {
  member_id: string;
  line_of_business: string;
  product: string;
  enrolled_from: DateCol;
  enrolled_to: DateCol | null;
}
export interface ActionsTable {
  /** '' for an action that names no member (kept so the table stays distributable by member_id). */
  member_id: string;
  action_id: string;
  action_type: string;
  occurred_at: TimestampCol;
  staff_id: string | null;
  channel: string | null;
  outcome: string | null;
  personalized: boolean;
  campaign_id: string | null;
  partner_id: string | null;
  minutes: number | null;
  /** Set when the action was voided through the API; voided actions count nowhere. */
  voided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
export interface MemberActivityTable {
  member_id: string;
  /** activity_id when the file gave one, else a key made of activity_type and occurred_at. */
  row_key: string;
  activity_id: string | null;
  activity_type: string;
  occurred_at: TimestampCol;
}
export interface CareProgramsTable {
  member_id: string;
  program: string;
  enrolled_on: DateCol;
  disenrolled_on: DateCol | null;
}
export interface CaseloadTable {
  member_id: string;
  staff_id: string;
  assigned_on: DateCol;
  unassigned_on: DateCol | null;
}
export interface CampaignsTable {
  campaign_id: string;
  name: string;
  starts_on: DateCol;
  ends_on: DateCol | null;
  partner_ids: string[];
}
export interface RenewalsTable {
  member_id: string;
  due_on: DateCol;
}
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: Generated<Date>;
}

export interface ActionCorrectionsTable {
  member_id: string;
  correction_id: string;
  action_id: string;
  kind: 'correct' | 'void';
  before: ColumnType<unknown, string, string>;
  after: ColumnType<unknown, string | null, string | null>;
  reason: string;
  corrected_at: Generated<Date>;
  corrected_by: string;
}
export interface ApiIdempotencyTable {
  key: string;
  request_hash: string;
  status: number;
  response: ColumnType<unknown, string, string>;
  created_at: Generated<Date>;
}
export interface ImportJobsTable {
  job_id: string;
  status: ImportJobStatus;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  progress: ColumnType<unknown, string | null, string | null>;
  report: ColumnType<unknown, string | null, string | null>;
  error: string | null;
  /** The uploader's user id (null: a job from before owners were kept; admins only). */
  created_by: string | null;
}
export interface ImportJobRejectsTable {
  job_id: string;
  file: string;
  content: string;
}

export interface UsersTable {
  user_id: string;
  email: string;
  password_hash: string;
  role: string;
  partner_id: string | null;
  created_at: Generated<Date>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  disabled_at: Date | null;
}
export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Date;
}
export interface ApiTokensTable {
  token_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}
export interface AuditLogTable {
  /** '' when the access was not about one member (e.g. a bulk import). */
  member_id: string;
  audit_id: string;
  at: Generated<Date>;
  actor: string;
  role: string;
  access: string;
  via: string;
  ip: string | null;
}

export interface RollupStateTable {
  id: number;
  signature: string;
  timezone: string;
  built_at: Generated<Date>;
}

export interface RollupYearsTable {
  year: number;
}

export interface Database {
  partners: PartnersTable;
  partner_contacts: PartnerContactsTable;
  attributions: AttributionsTable;
  contracts: ContractsTable;
  contract_measures: ContractMeasuresTable;
  measure_results: MeasureResultsTable;
  touchpoints: TouchpointsTable;
  follow_ups: FollowUpsTable;
  scorecard_snapshots: ScorecardSnapshotsTable;
  staff: StaffTable;
  members: MembersTable;
  enrollments: EnrollmentsTable;
  actions: ActionsTable;
  member_activity: MemberActivityTable;
  care_programs: CareProgramsTable;
  caseload: CaseloadTable;
  campaigns: CampaignsTable;
  renewals: RenewalsTable;
  settings: SettingsTable;
  action_corrections: ActionCorrectionsTable;
  api_idempotency: ApiIdempotencyTable;
  import_jobs: ImportJobsTable;
  import_job_rejects: ImportJobRejectsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  rollup_state: RollupStateTable;
  rollup_years: RollupYearsTable;
}
