// The metric page's trend: 12 periods against the research benchmark band, with the same
// periods a year before as a dashed line (issue 15: comparisons on every chart).
import type { Row } from './api';

/** Periods a year spans: the lag of "the same period a year before". */
export const PERIODS_PER_YEAR = { month: 12, quarter: 4, year: 1 } as const;

export interface TrendLook {
  title: string;
  isPercent: boolean;
  scale: (v: number | null) => number | null;
  benchmark: Row['benchmark'];
  /** Periods with any action logged: the year-before line is blank before the ledger starts. */
  withData: ReadonlySet<string>;
}

/** `all` holds 12 + lag periods, oldest first: the last 12 are drawn, each beside the one `lag` before it. */
export function trendOption(all: readonly Row[], lag: number, look: TrendLook) {
  const shown = all.slice(-12);
  const offset = all.length - shown.length - lag;
  const before =
    lag > 1
      ? shown.map((_, i) => {
          const then = all[i + offset];
          return then && look.withData.has(then.period) ? look.scale(then.value) : null;
        })
      : null;
  const { benchmark, scale } = look;
  return {
    tooltip: { trigger: 'axis' as const },
    legend: before ? { bottom: 0 } : undefined,
    grid: { left: 50, right: 20, top: 20, bottom: before ? 50 : 30 },
    xAxis: { type: 'category' as const, data: shown.map((p) => p.period) },
    // Keep the benchmark band in view even when the values sit far from it.
    yAxis: {
      type: 'value' as const,
      name: look.isPercent ? '%' : '',
      max: (extent: { max: number }) => Math.ceil(Math.max(extent.max, scale(benchmark?.high ?? 0) ?? 0) * 1.1),
    },
    series: [
      {
        type: 'line' as const,
        name: look.title,
        data: shown.map((p) => scale(p.value)),
        connectNulls: true,
        markArea: benchmark
          ? {
              itemStyle: { color: 'rgba(64, 192, 87, 0.15)' },
              label: { show: true, position: 'insideTopLeft' as const, formatter: 'research benchmark' },
              data: [
                [
                  { yAxis: scale(benchmark.low) ?? 0 },
                  { yAxis: scale(benchmark.high === benchmark.low ? benchmark.high * 1.002 + 0.0001 : benchmark.high) ?? 0 },
                ] as [{ yAxis: number }, { yAxis: number }],
              ],
            }
          : undefined,
      },
      ...(before
        ? [
            {
              type: 'line' as const,
              name: 'A year before',
              data: before,
              connectNulls: true,
              lineStyle: { type: 'dashed' as const, color: '#868e96' },
              itemStyle: { color: '#868e96' },
            },
          ]
        : []),
    ],
  };
}
