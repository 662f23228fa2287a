// A computed measure within the partnership's area by race or language (plan staff only): where
// in the shared population the gap is.
import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, type PartnershipMeasure, type PartnershipWorkspace } from '../../api';
import { label } from '../../format';
import { Chart } from '../Chart';
import { measureScale } from './measure-format';

export function AreaEquity({ workspace: w, measure: m }: { workspace: PartnershipWorkspace; measure: PartnershipMeasure }) {
  const [by, setBy] = useState('race');
  const period = m.latest!.period;
  const rows = useQuery({
    queryKey: ['area-equity', w.partnership_id, m.measure_id, period, by],
    queryFn: () => api.areaEquity(w.partnership_id, m.measure_id, period, by),
  });
  const scale = measureScale(m);
  const items = rows.data?.items ?? [];
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      grid: { left: 44, right: 16, top: 16, bottom: 40 },
      xAxis: {
        type: 'category' as const,
        data: items.map((g) => label(g.segment_value)),
        axisLabel: { interval: 0, rotate: items.length > 5 ? 25 : 0 },
      },
      yAxis: { type: 'value' as const },
      series: [
        {
          type: 'bar' as const,
          data: items.map((g) => (g.value === null ? null : Math.round(scale(g.value) * 10) / 10)),
          label: { show: true, position: 'top' as const },
        },
      ],
    }),
    [items, scale],
  );
  return (
    <Stack gap={4} mt="xs">
      <Text size="sm" fw={500}>
        In the area by {label(by)}, {period}
      </Text>
      <SegmentedControl
        size="xs"
        value={by}
        onChange={setBy}
        data={['race', 'language', 'age_band', 'line_of_business'].map((v) => ({ value: v, label: label(v) }))}
      />
      {items.length > 0 && <Chart option={option} height={180} label={`${m.name} in the area by ${label(by)}`} />}
    </Stack>
  );
}
