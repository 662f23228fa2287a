// The bulk files of SPEC.md §1 and §7 as data: columns and their types, the row's key, the
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
import { FILE_NAMES, type FileName, type FileSpec } from './file-spec-types.js';
import { PARTNER_RELATIONSHIP_SPECS, PARTNERS_SPEC } from './partner-file-specs.js';

export { FILE_NAMES } from './file-spec-types.js';
export type { ColumnSpec, FileName, FileSpec, RollupEffect } from './file-spec-types.js';

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
      // Beyond SPEC §1 (which ignores unknown columns): how to reach the member, for work queues.
      { name: 'phone', type: text },
      { name: 'email', type: text },
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
      // utc_instant_text: to_char(… AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), declared
      // immutable (migration 0014) so Citus accepts it in an UPDATE.
      row_key: `COALESCE('id:' || activity_id, 'at:' || member_id || '|' || activity_type || '|' || utc_instant_text(occurred_at))`,
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
