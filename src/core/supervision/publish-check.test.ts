import { describe, expect, it } from 'vitest';
import { countPastDue, describeUnresolvedLeads } from './publish-check.ts';

describe('describeUnresolvedLeads', () => {
  it('should name each printed unit once with the measures that print it, and measures without a lead', () => {
    const text = describeUnresolvedLeads([
      { number: '1.2', printed: '试点城市政府' },
      { number: '3.4', printed: '试点城市政府' },
      { number: '3.4', printed: '试点城市政府' },
      { number: '2.1', printed: '省商务厅' },
      { number: '5.1', printed: null },
    ]);
    expect(text).toBe('「试点城市政府」（举措 1.2、3.4）；「省商务厅」（举措 2.1）；举措 5.1 未写明牵头单位');
  });

  it('should cut a long list and say how many units there are', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ number: String(i + 1), printed: `单位${i + 1}` }));
    const text = describeUnresolvedLeads(items, 3);
    expect(text).toBe('「单位1」（举措 1）；「单位2」（举措 2）；「单位3」（举措 3）；等 12 个单位');
    expect(describeUnresolvedLeads([])).toBe('');
  });
});

describe('countPastDue', () => {
  it('should count dues strictly before today', () => {
    expect(countPastDue(['2026-01-01', '2026-12-03', '2027-01-01'], '2026-12-03')).toBe(1);
    expect(countPastDue([], '2026-12-03')).toBe(0);
  });
});
