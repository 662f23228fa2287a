// The packet's charts, drawn on the server as SVG by ECharts (no browser): a measure's results
// against its target and the rest of the plan, and an equity bar chart. Black lines and patterns,
// not colour alone, so they read when printed in black and white.
import * as echarts from 'echarts';

const INK = '#111';
const BASE = {
  animation: false,
  backgroundColor: '#fff',
  textStyle: { fontFamily: 'Helvetica', color: INK, fontSize: 11 },
  grid: { left: 48, right: 16, top: 28, bottom: 32 },
};

function render(option: object, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ ...BASE, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

export interface SeriesPoint {
  period: string;
  value: number | null;
  rest_of_plan: number | null;
}

/** A measure over its periods: solid line with dots, the rest of the plan dotted with squares, the target dashed. */
export function trendChart(
  points: readonly SeriesPoint[],
  target: number | null,
  scale: (v: number) => number,
  names: { own: string; rest: string },
  width = 480,
  height = 190,
): string {
  const hasRest = points.some((p) => p.rest_of_plan !== null);
  const sc = (v: number | null) => (v === null ? null : Math.round(scale(v) * 10) / 10);
  return render(
    {
      legend: { show: hasRest, top: 0, left: 'center', itemWidth: 18, textStyle: { color: INK } },
      xAxis: { type: 'category', data: points.map((p) => p.period), axisLine: { lineStyle: { color: INK } } },
      grid: { ...BASE.grid, right: 56 },
      yAxis: { type: 'value', axisLine: { lineStyle: { color: INK } }, splitLine: { lineStyle: { color: '#ddd' } } },
      series: [
        {
          name: names.own,
          type: 'line',
          data: points.map((p) => sc(p.value)),
          lineStyle: { color: INK, width: 2 },
          itemStyle: { color: INK },
          symbol: 'circle',
          symbolSize: 6,
          connectNulls: true,
          label: { show: true, position: 'top', color: INK, fontSize: 9 },
        },
        // The target as a series (not a mark line), so the axis always reaches it with round ticks.
        ...(target === null
          ? []
          : [
              {
                name: 'Target',
                type: 'line',
                data: points.map(() => sc(target)),
                lineStyle: { color: INK, type: 'dashed', width: 1 },
                symbol: 'none',
                endLabel: { show: true, formatter: 'target', color: INK, fontSize: 9 },
              },
            ]),
        ...(hasRest
          ? [
              {
                name: names.rest,
                type: 'line',
                data: points.map((p) => sc(p.rest_of_plan)),
                lineStyle: { color: '#555', width: 1.5, type: 'dotted' },
                itemStyle: { color: '#555' },
                symbol: 'rect',
                symbolSize: 6,
                connectNulls: true,
              },
            ]
          : []),
      ],
    },
    width,
    height,
  );
}

/** A value per group (e.g. by race in the area), hatched bars with the value printed on each. */
export function equityChart(
  groups: readonly { label: string; value: number | null }[],
  scale: (v: number) => number,
  width = 480,
  height = 200,
): string {
  return render(
    {
      grid: { ...BASE.grid, bottom: 40 },
      xAxis: {
        type: 'category',
        data: groups.map((g) => g.label.replaceAll('_', ' ')),
        axisLabel: { interval: 0, fontSize: 9, width: 70, overflow: 'break' },
      },
      yAxis: { type: 'value', splitLine: { lineStyle: { color: '#ddd' } } },
      series: [
        {
          type: 'bar',
          data: groups.map((g) => (g.value === null ? null : Math.round(scale(g.value) * 10) / 10)),
          itemStyle: {
            color: '#fff',
            borderColor: INK,
            borderWidth: 1.5,
            decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -0.8, color: '#444' },
          },
          label: { show: true, position: 'top', color: INK, fontSize: 9 },
        },
      ],
      aria: { enabled: true, decal: { show: true } },
    },
    width,
    height,
  );
}
