// Segments of SPEC.md §3. Each is a column of the per-member facts of a period; null
// attributes are the value `unknown`.
import { DomainError } from '../errors.js';

export const SEGMENTS = ['line_of_business', 'product', 'risk_tier', 'county', 'age_band', 'sex', 'race', 'ethnicity', 'language'] as const;
export type Segment = (typeof SEGMENTS)[number];

export function parseSegment(text: string): Segment {
  if ((SEGMENTS as readonly string[]).includes(text)) return text as Segment;
  throw new DomainError('invalid_segment', `"${text}" is not a segment: use one of ${SEGMENTS.join(', ')}`);
}
