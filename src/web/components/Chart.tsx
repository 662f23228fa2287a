// A thin React wrapper over Apache ECharts: one chart per element, resized with its container.
// Only the chart types and components the app draws are registered, so the bundle carries a
// fraction of ECharts (the whole library was most of a 1.9 MB script).
import type { EChartsOption } from 'echarts';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, MarkAreaComponent, SVGRenderer]);

export function Chart({
  option,
  height = 240,
  label,
  onClick,
}: {
  option: EChartsOption;
  height?: number;
  label: string;
  onClick?: (params: { name: string; dataIndex: number }) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    chart.current = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const observer = new ResizeObserver(() => chart.current?.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.current?.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return;
    const handler = (p: unknown) => onClick(p as { name: string; dataIndex: number });
    c.on('click', handler);
    return () => {
      c.off('click', handler);
    };
  }, [onClick]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}

export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  return (
    <Chart
      height={36}
      label={label}
      option={{
        animation: false,
        grid: { left: 2, right: 2, top: 4, bottom: 4 },
        xAxis: { type: 'category', show: false, data: values.map((_, i) => i) },
        yAxis: { type: 'value', show: false, scale: true },
        series: [{ type: 'line', data: values, symbol: 'none', lineStyle: { width: 1.5 }, connectNulls: true }],
        tooltip: { show: false },
      }}
    />
  );
}
