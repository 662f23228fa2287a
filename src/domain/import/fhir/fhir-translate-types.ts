// What translating one FHIR resource gives: rows of the CSV files (SPEC.md §1) it stands for, or
// why it was rejected or ignored. Shared by the translators of each resource type.
import type { ReadResource } from './fhir-sources.js';
import type { ReferenceIndex } from './fhir-references.js';

export const TARGET_FILES = ['partners', 'staff', 'members', 'enrollments', 'care_programs', 'caseload', 'actions'] as const;
export type TargetFile = (typeof TARGET_FILES)[number];

export type Values = Record<string, string | null>;

export interface FhirRow {
  file: TargetFile;
  values: Values;
}

export interface Problem {
  /** FHIRPath-like, e.g. `Coverage.beneficiary`. */
  location: string;
  reason: string;
}

export type Translation =
  | { kind: 'rows'; rows: FhirRow[] }
  /** Read into other rows (a PractitionerRole into its Practitioner's staff row). */
  | { kind: 'used' }
  | { kind: 'ignored'; reason: string }
  | { kind: 'rejected'; problem: Problem };

/** What a PractitionerRole says about its practitioner, kept until the Practitioner is read. */
export interface RoleFacts {
  role: string | null;
  partnerId: string | null;
  start: string | null;
  end: string | null;
}

export interface TranslateContext {
  refs: ReferenceIndex;
  /** PractitionerRole facts by every key its practitioner reference was written with. */
  roles: Map<string, RoleFacts>;
  /** Members with a Coverage resource of their own: their claims' coverage is not used. */
  coveredMembers: Set<string>;
  /** Claim coverage by member, turned into enrollment spans at the end (fhir-claim-coverage.ts). */
  claimCoverage: Map<string, ClaimCoverage[]>;
}

export interface ClaimCoverage {
  lob: string;
  product: string;
  start: string;
  end: string;
}

export type Translator = (read: ReadResource, ctx: TranslateContext) => Translation;

export const rows = (...list: FhirRow[]): Translation => ({ kind: 'rows', rows: list });
export const reject = (location: string, reason: string): Translation => ({ kind: 'rejected', problem: { location, reason } });
export const ignore = (reason: string): Translation => ({ kind: 'ignored', reason });

/** The calendar date of a FHIR date or dateTime as written (`2024-03-05T23:00:00-05:00` → 2024-03-05); null when partial or absent. */
export function dateOf(value: unknown): string | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}

/** A FHIR dateTime as an ISO timestamp: a bare date is midnight in the plan's time zone; partial → null. */
export function instantOf(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  return value.length === 10 ? `${value}T00:00:00` : value;
}

export const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
