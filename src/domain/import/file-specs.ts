// The ten bulk files of SPEC.md §1 as data: columns and their types, the row's key, the
// references it must satisfy and the rules across columns. The importer is generic over these.
import { ACTION_TYPES, OUTCOMES } from '../ledger/vocabulary.js';

export type ColumnType =
  | { kind: 'id' }
  | { kind: 'text' }
  | { kind: 'date' }
  | { kind: 'timestamp' }
  | { kind: 'int' }
  | { kind: 'bool'; default: boolean }
  | { kind: 'enum'; values: ReadonlySet<string> }
  | { kind: 'id_list' };

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
  'member_activity',
  'actions',
] as const;
export type FileName = (typeof FILE_NAMES)[number];

export interface FileSpec {
  file: FileName;
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
}

const id = { kind: 'id' } as const;
const text = { kind: 'text' } as const;
const date = { kind: 'date' } as const;
const timestamp = { kind: 'timestamp' } as const;
const oneOf = (...values: string[]): ColumnType => ({ kind: 'enum', values: new Set(values) });

const memberRef: Reference = { column: 'member_id', table: 'members', tableColumn: 'member_id', noun: 'member' };
const staffRef: Reference = { column: 'staff_id', table: 'staff', tableColumn: 'staff_id', noun: 'staff member' };
const partnerRef: Reference = { column: 'partner_id', table: 'partners', tableColumn: 'partner_id', noun: 'partner' };

export const FILE_SPECS: Readonly<Record<FileName, FileSpec>> = {
  partners: {
    file: 'partners',
    table: 'partners',
    columns: [
      { name: 'partner_id', type: id, required: true },
      { name: 'name', type: text, required: true },
      { name: 'kind', type: oneOf('provider', 'community', 'public_health', 'payer', 'other'), required: true },
    ],
    key: ['partner_id'],
    primaryKey: ['partner_id'],
    references: [],
  },
  staff: {
    file: 'staff',
    table: 'staff',
    columns: [
      { name: 'staff_id', type: id, required: true },
      { name: 'name', type: text },
      {
        name: 'role',
        type: oneOf('case_manager', 'chw', 'social_worker', 'care_coordinator', 'nurse', 'navigator', 'other'),
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
    columns: [
      { name: 'member_id', type: id, required: true },
      { name: 'birth_date', type: date },
      { name: 'sex', type: text },
      { name: 'race', type: text },
      { name: 'ethnicity', type: text },
      { name: 'language', type: text },
      { name: 'county', type: text },
      { name: 'zip', type: text },
      { name: 'risk_tier', type: oneOf('high', 'low'), required: true },
      { name: 'pcp_id', type: id },
      { name: 'pcp_assignment', type: oneOf('auto', 'member_choice', 'none') },
    ],
    key: ['member_id'],
    primaryKey: ['member_id'],
    references: [],
  },
  enrollments: {
    file: 'enrollments',
    table: 'enrollments',
    columns: [
      { name: 'member_id', type: id, required: true },
      { name: 'line_of_business', type: oneOf('medicaid', 'commercial', 'dual', 'medicare'), required: true },
      { name: 'product', type: oneOf('hmo', 'ppo', 'other'), required: true },
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
    columns: [
      { name: 'activity_id', type: id },
      { name: 'member_id', type: id, required: true },
      { name: 'activity_type', type: oneOf('portal_login', 'online_tool_use'), required: true },
      { name: 'occurred_at', type: timestamp, required: true },
    ],
    // With an id, the id is the key; without one, (member_id, activity_type, occurred_at) is.
    key: ['row_key'],
    primaryKey: ['member_id', 'row_key'],
    derived: {
      row_key: `COALESCE('id:' || activity_id, 'at:' || member_id || '|' || activity_type || '|' || to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'))`,
    },
    references: [memberRef],
  },
  actions: {
    file: 'actions',
    table: 'actions',
    columns: [
      { name: 'action_id', type: id, required: true },
      { name: 'member_id', type: id },
      { name: 'action_type', type: { kind: 'enum', values: new Set(ACTION_TYPES) }, required: true },
      { name: 'occurred_at', type: timestamp, required: true },
      { name: 'staff_id', type: id },
      { name: 'channel', type: oneOf('phone', 'sms', 'email', 'mail', 'portal', 'video', 'in_person') },
      { name: 'outcome', type: { kind: 'enum', values: new Set(OUTCOMES) } },
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
