// The ten bulk files of SPEC.md §1 as data: columns and their types, the row's key, the
// references it must satisfy and the rules across columns. The importer is generic over these.
import {
  ACTION_TYPES,
  ACTIVITY_TYPES,
  CHANNELS,
  LINES_OF_BUSINESS,
  OUTCOMES,
  PCP_ASSIGNMENTS,
  PRODUCTS,
  RISK_TIERS,
  STAFF_ROLES,
} from '../ledger/vocabulary.js';
import { date, id, memberRef, oneOf, staffRef, partnerRef, text, timestamp } from './file-spec-columns.js';
import { PARTNER_RELATIONSHIP_SPECS, PARTNERS_SPEC } from './partner-file-specs.js';

export type ColumnType =
  | { kind: 'id' }
  | { kind: 'text' }
  | { kind: 'date' }
  | { kind: 'timestamp' }
  | { kind: 'int' }
  | { kind: 'bool'; default: boolean }
  | { kind: 'enum'; values: ReadonlySet<string> }
  | { kind: 'id_list' }
  | { kind: 'decimal'; min?: number; exclusive?: boolean }
  | { kind: 'year' }
  | { kind: 'period' };

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required?: boolean;
}

export interface Reference {
  column: string;
  table: string;
  tableColumn: string;
  /** The column holds a list of ids (campaigns.partner_ids). */
  list?: boolean;
  noun: string;
}

export interface EndAfterStart {
  start: string;
  end: string;
}

export const FILE_NAMES = [
  'partners',
  'staff',
  'campaigns',
  'members',
  'enrollments',
  'care_programs',
  'caseload',
  'renewals',
  // Before the ledger's events: the rollups of a first load are then built once, with partners.
  'attributions',
  'member_activity',
  'actions',
  // SPEC.md §7, after the files they refer to.
  'contracts',
  'contract_measures',
  'measure_results',
  'touchpoints',
  'follow_ups',
] as const;
export type FileName = (typeof FILE_NAMES)[number];

/**
 * What merging the file can change in the scorecard rollups (../rollups), declared so upkeep
 * needs no list of file names:
 * - `none`: nothing the rollups hold (partners and campaigns feed plan-wide metrics, computed live);
 * - `caseload`: the caseload cells only;
 * - `staff_actions`: the facts of members with actions by a staff member whose role or partner changed;
 * - `members`: the facts of the changed rows' members — about the rows' dates when `dated` names
 *   the date column (`action`: an action's date and the look-back of the facts that read it),
 *   about any period otherwise; `caseload` when the rows also decide caseload cells;
 *   `addsYears` when new rows can bring the rollups a new year.
 */
export type RollupEffect =
  | { kind: 'none' }
  | { kind: 'caseload' }
  | { kind: 'staff_actions' }
  | {
      kind: 'members';
      dated: { column: string; as: 'date' | 'timestamp' | 'action' } | null;
      caseload: boolean;
      addsYears: boolean;
    };

export interface FileSpec {
  file: FileName;
  rollups: RollupEffect;
  table: string;
  columns: readonly ColumnSpec[];
  /** Columns (after derivation) that identify a row: the idempotency key of SPEC.md §1. */
  key: readonly string[];
  /** The table's primary key; differs from `key` where the table is sharded by member_id. */
  primaryKey: readonly string[];
  /** Columns computed in SQL after loading, e.g. member_activity.row_key. */
  derived?: Readonly<Record<string, string>>;
  /** Value stored when an optional column is empty and the table needs one (actions.member_id). */
  emptyAs?: Readonly<Record<string, string>>;
  references: readonly Reference[];
  endAfterStart?: EndAfterStart;
  /** A column required only when another column has a value. */
  requiredWhen?: { column: string; when: string; equals: string };
  /** A rule across a row's columns that needs no database (checked in Node with the values). */
  rowRule?: (value: (column: string) => string | null) => { column: string; reason: string } | null;
  /** Rules that need the database (other rows, other tables), checked in SQL after references. */
  sqlRules?: readonly SqlRule[];
  /**
   * Columns a file may leave out without clearing them: when absent from the header, a stored
   * row keeps its value (a partner's profile edited in the web app survives a re-import of the
   * three core columns).
   */
  keepWhenAbsent?: readonly string[];
}

/**
 * A row rule in SQL: `select(stage)` returns `SELECT s.line AS line, <reason text> AS reason FROM
 * <stage> s …` for the staged rows that break it. Written here, from the spec alone: no input
 * values ever become SQL text.
 */
export interface SqlRule {
  column: string;
  select: (stage: string) => string;
}

export const FILE_SPECS: Readonly<Record<FileName, FileSpec>> = {
  partners: PARTNERS_SPEC,
  staff: {
    file: 'staff',
    table: 'staff',
    rollups: { kind: 'staff_actions' },
    columns: [
      { name: 'staff_id', type: id, required: true },
      { name: 'name', type: text },
      {
        name: 'role',
        type: oneOf(STAFF_ROLES),
        required: true,
      },
      { name: 'partner_id', type: id },
      { name: 'hired_on', type: date, required: true },
      { name: 'left_on', type: date },
    ],
    key: ['staff_id'],
    primaryKey: ['staff_id'],
    references: [partnerRef],
    endAfterStart: { start: 'hired_on', end: 'left_on' },
  },
  campaigns: {
    file: 'campaigns',
    table: 'campaigns',
    rollups: { kind: 'none' },
    columns: [
      { name: 'campaign_id', type: id, required: true },
      { name: 'name', type: text, required: true },
      { name: 'starts_on', type: date, required: true },
      { name: 'ends_on', type: date },
      { name: 'partner_ids', type: { kind: 'id_list' } },
    ],
    key: ['campaign_id'],
    primaryKey: ['campaign_id'],
    emptyAs: { partner_ids: '{}' },
    references: [{ column: 'partner_ids', table: 'partners', tableColumn: 'partner_id', list: true, noun: 'partner' }],
    endAfterStart: { start: 'starts_on', end: 'ends_on' },
  },
  members: {
    file: 'members',
    table: 'members',
    rollups: { kind: 'members', dated: null, caseload: true, addsYears: false },
    columns: [
      { name: 'member_id', type: id, required: true },
      { name: 'birth_date', type: date },
      { name: 'sex', type: text },
      { name: 'race', type: text },
      { name: 'ethnicity', type: text },
      { name: 'language', type: text },
      { name: 'county', type: text },
      { name: 'zip', type: text },
      { name: 'risk_tier', type: oneOf(RISK_TIERS), required: true },
      { name: 'pcp_id', type: id },
      { name: 'pcp_assignment', type: oneOf(PCP_ASSIGNMENTS) },
    ],
    key: ['member_id'],
    primaryKey: ['member_id'],
    references: [],
  },
  enrollments: {
    file: 'enrollments',
    table: 'enrollments',
    rollups: { kind: 'members', dated: null, caseload: true, addsYears: false },
    columns: [
      { name: 'member_id', type: id, required: true },
      { name: 'line_of_business', type: oneOf(LINES_OF_BUSINESS), required: true },
      { name: 'product', type: oneOf(PRODUCTS), required: true },
      { name: 'enrolled_from', type: date, required: true },
      { name: 'enrolled_to', type: date },
    ],
    key: ['member_id', 'enrolled_from'],
    primaryKey: ['member_id', 'enrolled_from'],
    references: [memberRef],
    endAfterStart: { start: 'enrolled_from', end: 'enrolled_to' },
  },
  care_programs: {
    file: 'care_programs',
    table: 'care_programs',
    rollups: { kind: 'members', dated: null, caseload: false, addsYears: false },
    columns: [
      { name: 'member_id', type: id, required: true },
      { name: 'program', type: id, required: true },
      { name: 'enrolled_on', type: date, required: true },
      { name: 'disenrolled_on', type: date },
    ],
    key: ['member_id', 'program', 'enrolled_on'],
    primaryKey: ['member_id', 'program', 'enrolled_on'],
    references: [memberRef],
    endAfterStart: { start: 'enrolled_on', end: 'disenrolled_on' },
  },
  caseload: {
    file: 'caseload',
    table: 'caseload',
    rollups: { kind: 'caseload' },
    columns: [
      { name: 'member_id', type: id, required: true },
      { name: 'staff_id', type: id, required: true },
      { name: 'assigned_on', type: date, required: true },
      { name: 'unassigned_on', type: date },
    ],
    key: ['member_id', 'staff_id', 'assigned_on'],
    primaryKey: ['member_id', 'staff_id', 'assigned_on'],
    references: [memberRef, staffRef],
    endAfterStart: { start: 'assigned_on', end: 'unassigned_on' },
  },
  renewals: {
    file: 'renewals',
    table: 'renewals',
    rollups: { kind: 'members', dated: { column: 'due_on', as: 'date' }, caseload: false, addsYears: false },
    columns: [
      { name: 'member_id', type: id, required: true },
      { name: 'due_on', type: date, required: true },
    ],
    key: ['member_id', 'due_on'],
    primaryKey: ['member_id', 'due_on'],
    references: [memberRef],
  },
  member_activity: {
    file: 'member_activity',
    table: 'member_activity',
    rollups: { kind: 'members', dated: { column: 'occurred_at', as: 'timestamp' }, caseload: false, addsYears: false },
    columns: [
      { name: 'activity_id', type: id },
      { name: 'member_id', type: id, required: true },
      { name: 'activity_type', type: oneOf(ACTIVITY_TYPES), required: true },
      { name: 'occurred_at', type: timestamp, required: true },
    ],
    // With an id, the id is the key; without one, (member_id, activity_type, occurred_at) is.
    key: ['row_key'],
    primaryKey: ['member_id', 'row_key'],
    derived: {
      row_key: `COALESCE('id:' || activity_id,
        'at:' || member_id || '|' || activity_type || '|' || to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'))`,
    },
    references: [memberRef],
  },
  actions: {
    file: 'actions',
    table: 'actions',
    rollups: { kind: 'members', dated: { column: 'occurred_at', as: 'action' }, caseload: false, addsYears: true },
    columns: [
      { name: 'action_id', type: id, required: true },
      { name: 'member_id', type: id },
      { name: 'action_type', type: oneOf(ACTION_TYPES), required: true },
      { name: 'occurred_at', type: timestamp, required: true },
      { name: 'staff_id', type: id },
      { name: 'channel', type: oneOf(CHANNELS) },
      { name: 'outcome', type: oneOf(OUTCOMES) },
      { name: 'personalized', type: { kind: 'bool', default: false } },
      { name: 'campaign_id', type: id },
      { name: 'partner_id', type: id },
      { name: 'minutes', type: { kind: 'int' } },
    ],
    key: ['action_id'],
    primaryKey: ['member_id', 'action_id'],
    // An action about no member is kept under member_id '' so the table stays shardable by it.
    emptyAs: { member_id: '' },
    references: [
      memberRef,
      staffRef,
      { column: 'campaign_id', table: 'campaigns', tableColumn: 'campaign_id', noun: 'campaign' },
      partnerRef,
    ],
    requiredWhen: { column: 'campaign_id', when: 'action_type', equals: 'campaign_touch' },
  },
  ...PARTNER_RELATIONSHIP_SPECS,
};

/** The table's columns in load order: the file's columns, then derived ones. */
export function tableColumns(spec: FileSpec): string[] {
  return [...spec.columns.map((c) => c.name), ...Object.keys(spec.derived ?? {})];
}

/**
 * Which spec a file belongs to, by its name: `actions.csv`, `actions-2025.csv`,
 * `actions.rejects.csv`. The longest matching name wins (member_activity before members).
 */
export function specForPath(path: string): FileSpec | undefined {
  const base = (path.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (!base.endsWith('.csv')) return undefined;
  const stem = base.slice(0, -4);
  const name = [...FILE_NAMES]
    .sort((a, b) => b.length - a.length)
    .find((n) => stem === n || (stem.startsWith(n) && /^[._-]/.test(stem.slice(n.length))));
  return name ? FILE_SPECS[name] : undefined;
}
