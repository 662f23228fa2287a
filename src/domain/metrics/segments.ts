// Segments of SPEC.md §3 and §7.2. Each is a column of the per-member facts of a period; null
// attributes are the value `unknown`, members attributed to no partner are `unattributed`.
import { DomainError } from '../errors.js';

export const SEGMENTS = [
  'line_of_business',
  'product',
  'risk_tier',
  'county',
  'partner',
  'age_band',
  'sex',
  'race',
  'ethnicity',
  'language',
] as const;
export type Segment = (typeof SEGMENTS)[number];

/**
 * Not offered to users: a contract's population when the contract is restricted to a line of
 * business (SPEC.md §7.3), valued `<partner_id>|<line_of_business>`. Kept in the rollups like a
 * segment so a contract scorecard is a lookup too.
 */
export const CONTRACT_SEGMENT = 'partner_line_of_business';
export const CUBE_SEGMENTS = [...SEGMENTS, CONTRACT_SEGMENT] as const;
export type CubeSegment = (typeof CUBE_SEGMENTS)[number];

/** The member-attributed-to-no-partner value of the `partner` segment. */
export const UNATTRIBUTED = 'unattributed';

/** The segment value of a contract's population: its partner, with its line of business if it has one. */
export function contractPopulation(partnerId: string, lineOfBusiness: string | null): { segment: CubeSegment; value: string } {
  return lineOfBusiness ? { segment: CONTRACT_SEGMENT, value: `${partnerId}|${lineOfBusiness}` } : { segment: 'partner', value: partnerId };
}

export function parseSegment(text: string): Segment {
  if ((SEGMENTS as readonly string[]).includes(text)) return text as Segment;
  throw new DomainError('invalid_segment', `"${text}" is not a segment: use one of ${SEGMENTS.join(', ')}`);
}
