// The column types and references the file specs are written with (file-specs.ts and
// partner-file-specs.ts), so each spec reads as a table of columns.
import type { ColumnType, Reference } from './file-spec-types.js';

export const id = { kind: 'id' } as const;
export const text = { kind: 'text' } as const;
export const date = { kind: 'date' } as const;
export const timestamp = { kind: 'timestamp' } as const;
export const oneOf = (values: readonly string[]): ColumnType => ({ kind: 'enum', values: new Set(values) });
export const decimal = (min?: number, exclusive = false): ColumnType => ({ kind: 'decimal', min, exclusive });
export const textList = { kind: 'id_list' } as const;

const ref = (column: string, table: string, noun: string, tableColumn = column): Reference => ({ column, table, tableColumn, noun });
export const memberRef = ref('member_id', 'members', 'member');
export const staffRef = ref('staff_id', 'staff', 'staff member');
export const partnerRef = ref('partner_id', 'partners', 'partner');
export const contractRef = ref('contract_id', 'contracts', 'contract');
export const touchpointRef = ref('touchpoint_id', 'touchpoints', 'touchpoint');
export const staffListRef: Reference = { ...ref('staff_ids', 'staff', 'staff member', 'staff_id'), list: true };
