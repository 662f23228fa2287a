// The shape of an import file's spec (file-specs.ts, partner-file-specs.ts): columns and their
// types, keys, references, rules and the file's effect on the rollups. Types and the list of file
// names only, so the spec modules can share them without importing each other.
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
