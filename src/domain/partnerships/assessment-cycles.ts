// Coordinated assessment cycles, pure: which periods a measure reports on (every month, quarter
// or year of the partnership that has ended by today), when each period's result is due, and
// whether a period fits a measure's cycle at all.
import { DomainError } from '../errors.js';
import { parsePeriod, shiftPeriod, type Period, type PeriodKind } from '../metrics/periods.js';

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function firstPeriod(cycle: PeriodKind, startsOn: string): Period {
  const [y, m] = startsOn.split('-') as [string, string];
  if (cycle === 'year') return parsePeriod(y);
  if (cycle === 'quarter') return parsePeriod(`${y}-Q${Math.floor((Number(m) - 1) / 3) + 1}`);
  return parsePeriod(`${y}-${m}`);
}

/** The periods of a cycle that overlap the partnership and have ended by `today`, oldest first. */
export function cyclePeriods(cycle: PeriodKind, startsOn: string, endsOn: string | null, today: string): Period[] {
  const periods: Period[] = [];
  for (let p = firstPeriod(cycle, startsOn); p.end < today && (endsOn === null || p.start <= endsOn); p = shiftPeriod(p, 1)) {
    periods.push(p);
  }
  return periods;
}

export function dueOn(period: Period, dueDays: number): string {
  return addDays(period.end, dueDays);
}

/**
 * A result's period, checked against the measure's cycle and the partnership's dates: a quarterly
 * measure takes `2026-Q1`, not `2026-03`; nothing before the partnership began or not yet over.
 */
export function checkResultPeriod(text: string, cycle: PeriodKind, startsOn: string, endsOn: string | null, today: string): Period {
  const period = parsePeriod(text);
  if (period.kind !== cycle)
    throw new DomainError('validation_failed', `period ${period.label} is a ${period.kind}; this measure is assessed every ${cycle}`);
  if (period.end < startsOn)
    throw new DomainError('validation_failed', `period ${period.label} ended before the partnership began (${startsOn})`);
  if (endsOn !== null && period.start > endsOn)
    throw new DomainError('validation_failed', `period ${period.label} starts after the partnership ended (${endsOn})`);
  if (period.end >= today) throw new DomainError('validation_failed', `period ${period.label} is not over yet (it ends ${period.end})`);
  return period;
}
