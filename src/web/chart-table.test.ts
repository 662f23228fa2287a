import { describe, expect, it } from 'vitest';
import { tableOf } from './chart-table';

describe('a chart read as a table (issue 15, accessibility)', () => {
  it('puts the categories in rows and each series in a column, with the unit', () => {
    const table = tableOf({
      xAxis: { type: 'category', data: ['2026-09', '2026-10'] },
      yAxis: { type: 'value', name: '%' },
      series: [
        { type: 'line', name: 'Contact rate', data: [7.5, null] },
        { type: 'line', name: 'A year before', data: [1200, 3] },
      ],
    });
    expect(table).toEqual({
      head: ['', 'Contact rate (%)', 'A year before (%)'],
      rows: [
        ['2026-09', '7.5', '1,200'],
        ['2026-10', '—', '3'],
      ],
    });
  });

  it('reads a chart whose categories run down the side, and none without categories', () => {
    const table = tableOf({
      yAxis: { type: 'category', data: ['Ana'] },
      xAxis: { type: 'value' },
      series: [{ type: 'bar', data: [{ value: 12 }] }],
    });
    expect(table).toEqual({ head: ['', 'Value'], rows: [['Ana', '12']] });
    expect(tableOf({ series: [] })).toBeNull();
  });
});
