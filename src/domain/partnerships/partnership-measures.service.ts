// Measures at three levels (population, partnership, each organization) and their coordinated
// assessment cycles. A population measure bound to a scorecard metric is computed, not entered:
// the metric for the plan's members living in the partnership's area, next to the same metric
// for the rest of the plan (the cube's plan total minus the area: every measure is a sum, so the
// difference is exact), from the first period the plan's ledger covers. Other measures take
// entered results, one per period of their cycle.
import type { Db } from '../../db/connect.js';
import type { Principal } from '../auth/permissions.js';
import { DomainError } from '../errors.js';
import type { AggregateRow, Measure } from '../metrics/measures.sql.js';
import { measuresOf } from '../metrics/measures.sql.js';
import { contractMetric } from '../metrics/metric-reference.js';
import type { Period, PeriodKind } from '../metrics/periods.js';
import { parseSegment } from '../metrics/segments.js';
import { populationAggregates, shapeRows } from '../scorecard/scorecard.service.js';
import { SUPPRESSED, shownAlone } from '../scorecard/suppression.js';
import { cyclePeriods, dueOn } from './assessment-cycles.js';
import { ledgerFirstMonth, type ItemRow, type PartnershipRow } from './partnerships.queries.js';
import type { CalendarEntry, MeasureView, ResultView } from './partnerships.schema.js';

type MeasureRow = ItemRow<'partnership_measures'>;
type ResultRow = { measure_id: string; period: string; value: number; note: string | null };

/** The catalog measure a population measure is bound to, or the reason it cannot be. */
export function boundMeasure(metricKey: string): Measure {
  const found = contractMetric(metricKey);
  if ('error' in found)
    throw new DomainError('validation_failed', `metric_key ${metricKey} ${found.error.replace('a contract population', 'an area')}`);
  if (found.metric.splitByTier)
    throw new DomainError('validation_failed', `metric_key ${metricKey} is split by risk tier: bind a metric that is not`);
  return measuresOf([found.metric])[0]!;
}

const areaOf = (p: PartnershipRow, outside = false) => ({
  counties: p.area.counties,
  zips: p.area.zips,
  segments: p.area.segments,
  outside,
});

function minus(total: AggregateRow | undefined, part: AggregateRow | undefined): AggregateRow {
  const out: AggregateRow = { segment_value: 'all' };
  for (const [k, v] of Object.entries(total ?? {})) if (k !== 'segment_value') out[k] = Number(v ?? 0) - Number(part?.[k] ?? 0);
  return out;
}

/** A bound measure in one period: the area, and the rest of the plan. Partners see neither if either is a small cell. */
async function computedResult(db: Db, p: PartnershipRow, measure: Measure, period: Period, actor: Principal): Promise<ResultView> {
  const [inside] = await populationAggregates(db, period, null, [], areaOf(p));
  const [total] = await populationAggregates(db, period, null);
  const rest = minus(total, inside);
  const area = shapeRows([measure], inside ? [inside] : [], {}, period, null)[0]!;
  const others = shapeRows([measure], [rest], {}, period, null)[0]!;
  const members = Number(inside?.members ?? 0);
  const hidden = actor.role === 'partner' && (shownAlone(members) === SUPPRESSED || shownAlone(Number(rest.members)) === SUPPRESSED);
  return {
    period: period.label,
    value: hidden ? null : area.value,
    rest_of_plan: hidden ? null : others.value,
    members: hidden ? null : members,
    note: hidden ? 'too few members to show' : null,
    source: 'computed',
  };
}

/** Share of the way from baseline to target (0 at baseline, 1 at or past target). */
function progressOf(m: MeasureRow, latest: ResultView | null): number | null {
  if (!latest || latest.value === null || m.baseline === null || m.target === null || m.target === m.baseline) return null;
  return Math.max(0, Math.min(1, (latest.value - m.baseline) / (m.target - m.baseline)));
}

export async function measureViews(
  db: Db,
  p: PartnershipRow,
  measures: readonly MeasureRow[],
  results: readonly ResultRow[],
  today: string,
  actor: Principal,
  /** false: leave computed measures' values out (their calendar needs none) — for lists and worklists. */
  compute = true,
): Promise<{ measures: MeasureView[]; calendar: CalendarEntry[] }> {
  const views: MeasureView[] = [];
  const calendar: CalendarEntry[] = [];
  // A computed measure starts with the ledger: before it, a rate of zero would be an absence of records, not of work.
  const ledgerStart = compute && measures.some((m) => m.metric_key) ? await ledgerFirstMonth(db.kysely) : null;
  for (const m of measures) {
    let periods = cyclePeriods(m.cycle as PeriodKind, p.starts_on, p.ends_on, today);
    let series: ResultView[];
    if (m.metric_key) {
      const bound = boundMeasure(m.metric_key);
      periods = periods.filter((period) => ledgerStart !== null && period.start >= ledgerStart);
      series = [];
      if (compute) for (const period of periods) series.push(await computedResult(db, p, bound, period, actor));
    } else {
      series = results
        .filter((r) => r.measure_id === m.measure_id)
        .map((r) => ({ period: r.period, value: r.value, rest_of_plan: null, members: null, note: r.note, source: 'reported' as const }));
    }
    const reported = new Set(series.map((r) => r.period));
    for (const period of periods) {
      const due = dueOn(period, m.due_days);
      const status = m.metric_key ? 'computed' : reported.has(period.label) ? 'reported' : due < today ? 'overdue' : 'due';
      calendar.push({ measure_id: m.measure_id, period: period.label, due_on: due, status });
    }
    const latest = [...series].reverse().find((r) => r.value !== null) ?? null;
    const { partnership_id: _omit, ...fields } = m;
    const percent = m.metric_key !== null && boundMeasure(m.metric_key).metric.format === 'percent';
    views.push({
      ...(fields as Omit<MeasureView, 'results' | 'latest' | 'progress' | 'percent'>),
      results: series,
      latest,
      percent,
      progress: progressOf(m, latest),
    });
  }
  calendar.sort((a, b) => a.due_on.localeCompare(b.due_on) || a.measure_id.localeCompare(b.measure_id));
  return { measures: views, calendar };
}

export interface AreaEquityRow {
  segment_value: string;
  members: number;
  value: number | null;
}

/** A bound measure in the area by an equity segment (plan staff only, like a contract population's breakdown). */
export async function areaEquity(db: Db, p: PartnershipRow, m: MeasureRow, periodLabel: Period, by: string): Promise<AreaEquityRow[]> {
  if (!m.metric_key) throw new DomainError('validation_failed', `${m.measure_id} is entered, not computed: it has no members behind it`);
  const measure = boundMeasure(m.metric_key);
  const groups = await populationAggregates(db, periodLabel, parseSegment(by), [], areaOf(p));
  return groups.map((g) => ({
    segment_value: String(g.segment_value),
    members: Number(g.members ?? 0),
    value: shapeRows([measure], [g], {}, periodLabel, parseSegment(by))[0]!.value,
  }));
}
