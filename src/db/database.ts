// Table types for Kysely. Member-keyed tables carry member_id first in their primary key so a
// distributed PostgreSQL (Citus) can shard them by member_id; the small tables are reference tables.
import type { ImportJobStatus } from '../domain/ledger/vocabulary.js';
import type { ColumnType, Generated } from 'kysely';
import type {
  AttributionsTable,
  ContractMeasuresTable,
  ContractsTable,
  FollowUpsTable,
  MeasureResultsTable,
  PartnerContactsTable,
  PartnerPlaybooksTable,
  ScorecardSnapshotsTable,
  StarContractsTable,
  StarCutPointsTable,
  StarMeasuresTable,
  TouchpointsTable,
} from './database.partners.js';
import type {
  PartnershipActivitiesTable,
  PartnershipCommitmentsTable,
  PartnershipDecisionsTable,
  PartnershipDisagreementsTable,
  PartnershipEngagementsTable,
  PartnershipMeasuresTable,
  PartnershipMembersTable,
  PartnershipPhasesTable,
  PartnershipResultsTable,
  PartnershipRolesTable,
  PartnershipsTable,
} from './database.partnerships.js';

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
  /** Optional contact details (0011), beyond SPEC §1's columns. */
  phone: string | null;
  email: string | null;
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

/** A user's named place in the web app (0009). */
export interface SavedViewsTable {
  user_id: string;
  name: string;
  path: string;
  saved_at: Generated<Date>;
}

/** Who is to act on a member of a worklist (0010). */
export interface WorklistAssignmentsTable {
  member_id: string;
  worklist_id: string;
  staff_id: string;
  assigned_by: string;
  assigned_at: Generated<Date>;
}

export interface Database {
  saved_views: SavedViewsTable;
  worklist_assignments: WorklistAssignmentsTable;
  partnerships: PartnershipsTable;
  partnership_members: PartnershipMembersTable;
  partnership_roles: PartnershipRolesTable;
  partnership_commitments: PartnershipCommitmentsTable;
  partnership_disagreements: PartnershipDisagreementsTable;
  partnership_phases: PartnershipPhasesTable;
  partnership_activities: PartnershipActivitiesTable;
  partnership_decisions: PartnershipDecisionsTable;
  partnership_measures: PartnershipMeasuresTable;
  partnership_results: PartnershipResultsTable;
  partnership_engagements: PartnershipEngagementsTable;
  star_contracts: StarContractsTable;
  star_measures: StarMeasuresTable;
  star_cut_points: StarCutPointsTable;
  partner_playbooks: PartnerPlaybooksTable;
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
