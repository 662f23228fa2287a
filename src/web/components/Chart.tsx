// A thin React wrapper over Apache ECharts: one chart per element, resized with its container.
// Only the chart types and components the app draws are registered, so the bundle carries a
// fraction of ECharts (the whole library was most of a 1.9 MB script).
import type { EChartsOption } from 'echarts';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { Button, Table } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { tableOf } from '../chart-table';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, MarkAreaComponent, SVGRenderer]);

export function Chart({
  option,
  height = 240,
  label,
  onClick,
  tableToggle = true,
}: {
  option: EChartsOption;
  height?: number;
  label: string;
  onClick?: (params: { name: string; dataIndex: number }) => void;
  /** A "Show as table" button under the chart (not for sparklines, whose label carries their values). */
  tableToggle?: boolean;
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
  const [asTable, setAsTable] = useState(false);
  const table = useMemo(() => (tableToggle ? tableOf(option) : null), [option, tableToggle]);
  const chartDiv = <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
  if (!table) return chartDiv;
  return (
    <div>
      {chartDiv}
      <Button variant="subtle" size="compact-xs" className="no-print" onClick={() => setAsTable((v) => !v)} aria-expanded={asTable}>
        {asTable ? 'Hide the table' : 'Show as table'}
      </Button>
      {asTable && (
        <Table.ScrollContainer minWidth={320} mah={320}>
          <Table striped withTableBorder aria-label={label}>
            <Table.Thead>
              <Table.Tr>
                {table.head.map((h, i) => (
                  <Table.Th key={i}>{h}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {table.rows.map((r, i) => (
                <Table.Tr key={i}>
                  {r.map((c, j) => (j === 0 ? <Table.Th key={j}>{c}</Table.Th> : <Table.Td key={j}>{c}</Table.Td>))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </div>
  );
}

export function Sparkline({
  values,
  label,
  describe = (v) => v.toLocaleString('en-US'),
}: {
  values: (number | null)[];
  label: string;
  /** How a screen reader hears each value (the card's own format). */
  describe?: (v: number) => string;
}) {
  return (
    <Chart
      height={36}
      label={`${label}: ${values.map((v) => (v === null ? 'no value' : describe(v))).join(', ')}`}
      tableToggle={false}
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
