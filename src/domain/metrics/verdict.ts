// What a benchmark status means for the people reading it. SPEC's status says only where a
// value sits against the research range ('below', 'within', 'above'); whether that is good
// depends on the metric's direction: a contact rate below its benchmark is a gap, a caseload
// below its cap is fine. The web app colours and words statuses by this, never by position.
// Pure, so the browser bundle can import it.
import type { Status } from '../ledger/vocabulary.js';

/**
 * Which side of the benchmark is better. `cap`: a ceiling not to exceed (under it is fine);
 * `range`: a band to stay in (over it is a gap, under it worth a look).
 */
export type Direction = 'higher' | 'lower' | 'cap' | 'range';
export const DIRECTIONS: readonly Direction[] = ['higher', 'lower', 'cap', 'range'];

/** good: meets the benchmark or better; gap: on the wrong side; watch: off the band on the harmless side. */
export type Tone = 'good' | 'gap' | 'watch';

export interface Verdict {
  tone: Tone;
  /** A short label that says the meaning, e.g. "Under cap", "Below benchmark". */
  label: string;
}

export function verdictOf(status: Status, direction: Direction): Verdict {
  if (direction === 'cap') return status === 'above' ? { tone: 'gap', label: 'Over cap' } : { tone: 'good', label: 'Within cap' };
  if (direction === 'range')
    return status === 'within'
      ? { tone: 'good', label: 'Within range' }
      : status === 'above'
        ? { tone: 'gap', label: 'Over range' }
        : { tone: 'watch', label: 'Under range' };
  if (status === 'within') return { tone: 'good', label: 'Meets benchmark' };
  const better = direction === 'higher' ? 'above' : 'below';
  return { tone: status === better ? 'good' : 'gap', label: status === 'above' ? 'Above benchmark' : 'Below benchmark' };
}
