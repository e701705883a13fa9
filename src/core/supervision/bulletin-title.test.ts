import { describe, expect, it } from 'vitest';
import { bulletinTitle, planSubject } from './bulletin-title.ts';

describe(bulletinTitle.name, () => {
  it('should name the plan once in 《》 with the period', () => {
    expect(bulletinTitle('定西市优化营商环境实施方案', '2026年3月')).toBe('关于《定西市优化营商环境实施方案》2026年3月落实情况的通报');
  });

  it('should unwrap a covering notice instead of doubling 关于…的通知', () => {
    expect(bulletinTitle('国务院办公厅关于印发《提升行政执行能力行动方案》的通知', '2026年3月')).toBe('关于《提升行政执行能力行动方案》2026年3月落实情况的通报');
    expect(planSubject('关于转发《省政府关于印发优化营商环境条例实施办法的通知》的通知')).toBe('优化营商环境条例实施办法');
    expect(planSubject('《某市行动方案》')).toBe('某市行动方案');
  });

  it('should fall back to a generic name without a title', () => {
    expect(planSubject(null)).toBeNull();
    expect(bulletinTitle(null, '2026年3月')).toBe('关于《营商环境工作方案》2026年3月落实情况的通报');
  });
});
