import { describe, expect, it } from 'vitest';
import { csvText } from './table-csv';

describe('a table as CSV (issue 15)', () => {
  it('quotes what needs quoting and nothing else', () => {
    expect(
      csvText([
        ['Member', 'Why'],
        ['M1', 'high risk; never contacted'],
        ['M2', 'said "call later", twice'],
      ]),
    ).toBe('Member,Why\r\nM1,high risk; never contacted\r\nM2,"said ""call later"", twice"\r\n');
  });
});
