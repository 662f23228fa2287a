// Table types of partner relationships (SPEC.md §7), CMS Star Ratings and playbooks, for Kysely.
// Attributions are member-keyed (member_id first) like the ledger's member tables.
import type { ColumnType, Generated } from 'kysely';
import type { CutPoint, StarContract, StarMeasure } from '../domain/stars/star-files.js';

type DateCol = ColumnType<string, string, string>;

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
  /** Set on a follow-up of a partnership's decision (issue 14). */
  partnership_id: ColumnType<string | null, string | null | undefined, string | null | undefined>;
  decision_id: ColumnType<string | null, string | null | undefined, string | null | undefined>;
}
export interface ScorecardSnapshotsTable {
  touchpoint_id: string;
  contract_id: string;
  period: string;
  taken_at: Generated<Date>;
  rows: ColumnType<unknown, string, string>;
}
// The Star Ratings tables hold CMS's records as the reader (stars/star-files.ts) gives them.
export type StarContractsTable = StarContract;
export type StarMeasuresTable = StarMeasure;
export type StarCutPointsTable = CutPoint;
export interface PartnerPlaybooksTable {
  partner_id: string;
  doc: ColumnType<unknown, string, string>;
  updated_at: Generated<Date>;
}
