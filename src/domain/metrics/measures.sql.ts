// Compiles a metric catalog into SQL aggregates. A measure is one (metric, tier) the catalog asks
// for, keyed by a stable key (`contact_rate`, `members_per_case_manager.high`,
// `principle_actions_1`) that contracts and the cube columns refer to. The live scorecard
// (../scorecard) and the rollups (../rollups) compile the same measures, so they cannot differ.
import { RISK_TIERS, type RiskTier } from '../ledger/vocabulary.js';
import type { MetricDefinition } from './catalog.js';

export interface Measure {
  metric: MetricDefinition;
  tier: RiskTier | null;
  /** Unique within the catalog and stable across releases. */
  key: string;
  /** Column alias of the numerator in a result; `${alias}_d` is the denominator. */
  alias: string;
}

/** A row of aggregates: `segment_value`, `members` and each measure's columns. */
export type AggregateRow = Record<string, number | string | null>;

/** Every (metric, tier) a catalog asks for. */
export function measuresOf(metrics: readonly MetricDefinition[]): Measure[] {
  return metrics.flatMap((metric) =>
    (metric.splitByTier ? RISK_TIERS : [null]).map((tier) => ({
      metric,
      tier,
      key: tier ? `${metric.key}.${tier}` : metric.key,
      alias: `m_${metric.key}_${tier ?? 'all'}`,
    })),
  );
}

/** The result columns of some measures: each alias, and `${alias}_d` for rates. */
export function measureColumns(measures: readonly Measure[]): string[] {
  return measures.flatMap((m) => (m.metric.denominator ? [m.alias, `${m.alias}_d`] : [m.alias]));
}

function expand(template: string, tier: RiskTier | null, months: string): string {
  return template.replaceAll('{tier}', tier ?? '').replaceAll('{months}', months);
}

/**
 * The measures as a SELECT list of aggregates. `months` is the SQL of the period's length in
 * months: a constant for one period, `f.months` when grouping several.
 */
export function selectList(measures: readonly Measure[], months: string): string {
  return eachColumn(measures, months, (aggregate) => aggregate);
}

/** Each measure column of `measures` as `sqlOf(its aggregate) AS its alias`, a SELECT list. */
function eachColumn(measures: readonly Measure[], months: string, sqlOf: (aggregate: string) => string): string {
  return measures
    .flatMap((m) => {
      const cols = [`${sqlOf(expand(m.metric.numerator, m.tier, months))} AS ${m.alias}`];
      if (m.metric.denominator) cols.push(`${sqlOf(expand(m.metric.denominator, m.tier, months))} AS ${m.alias}_d`);
      return cols;
    })
    .join(',\n  ');
}

/**
 * The measures' change when some columns of the rows change and nothing else does, as a SELECT
 * list: each aggregate over the rows as they are, minus the same aggregate with every changed
 * column read as it was (`before`: column → SQL of its old value). A measure that reads none of
 * the changed columns cannot change and is the constant 0, so its aggregate is never computed.
 * One pass over the changed rows instead of one over them before and one after.
 *
 * The catalog's two common shapes change by one aggregate rather than two: a count of rows
 * meeting a condition by the sum of (meets it now − met it before), and a sum of a value over
 * rows chosen by an unchanged condition by the sum of (value now − value before). Both are exact:
 * the facts' columns are never NULL, and an empty set of rows gives 0 either way.
 */
export function changeSelectList(measures: readonly Measure[], months: string, before: ReadonlyMap<string, string>): string {
  const reads = new RegExp(`\\bf\\.(${[...before.keys()].join('|')})\\b`, 'g');
  const readsChanged = (aggregate: string): boolean => before.size > 0 && aggregate.match(reads) !== null;
  const asBefore = (aggregate: string): string => aggregate.replace(reads, (_, column: string) => `(${before.get(column)!})`);
  const change = (aggregate: string): string => {
    if (!readsChanged(aggregate)) return '0';
    const counted = countOfRowsWhere(aggregate);
    if (counted !== null) {
      const now = `CASE WHEN ${counted} THEN 1 ELSE 0 END`;
      return `COALESCE(sum(${now} - ${asBefore(now)}), 0)`;
    }
    const summed = sumOfValue(aggregate);
    if (summed !== null && !readsChanged(summed.where)) {
      return `COALESCE(sum((${summed.value}) - (${asBefore(summed.value)}))${summed.where ? ` FILTER (WHERE ${summed.where})` : ''}, 0)`;
    }
    return `(${aggregate}) - (${asBefore(aggregate)})`;
  };
  return eachColumn(measures, months, change);
}

/** The text up to the parenthesis that closes the one just before `from`, or null if it never closes. */
function enclosed(text: string, from: number): { inside: string; end: number } | null {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return { inside: text.slice(from, i), end: i + 1 };
  }
  return null;
}

/** `count(*) FILTER (WHERE <condition>)`, the whole aggregate: its condition, else null. */
function countOfRowsWhere(aggregate: string): string | null {
  const head = 'count(*) FILTER (WHERE ';
  if (!aggregate.startsWith(head)) return null;
  const condition = enclosed(aggregate, head.length);
  return condition && condition.end === aggregate.length ? `(${condition.inside})` : null;
}

/** `COALESCE(sum(<value>)[ FILTER (WHERE <where>)], 0)`, the whole aggregate: its parts, else null. */
function sumOfValue(aggregate: string): { value: string; where: string } | null {
  const head = 'COALESCE(sum(';
  if (!aggregate.startsWith(head)) return null;
  const value = enclosed(aggregate, head.length);
  if (!value) return null;
  let rest = aggregate.slice(value.end);
  let where = '';
  const filter = ' FILTER (WHERE ';
  if (rest.startsWith(filter)) {
    const condition = enclosed(rest, filter.length);
    if (!condition) return null;
    where = condition.inside;
    rest = rest.slice(condition.end);
  }
  return rest === ', 0)' ? { value: value.inside, where } : null;
}
