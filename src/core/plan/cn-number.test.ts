import { describe, expect, it } from 'vitest';
import { parseChineseNumber, shiftDecimal } from './cn-number.ts';

describe(parseChineseNumber.name, () => {
  it.each([
    ['一', 1], ['两', 2], ['十', 10], ['十二', 12], ['二十', 20], ['九十九', 99], ['一百', 100], ['一百零五', 105],
    ['两千', 2000], ['三万五千', 35000], ['一亿五千万', 150000000], ['二〇二二', 2022], ['1.2万', 12000], ['3亿', 300000000],
    ['5.19万', 51900], ['13.3万', 133000], ['0.07亿', 7000000], ['2.345万', 23450],
  ])('should read %s as %d', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it.each(['', '三四', '万', '百百', '十十', 'abc', '一x', '千万万'])('should reject %j', (text) => {
    expect(parseChineseNumber(text)).toBeNull();
  });
});

describe(shiftDecimal.name, () => {
  it.each([
    ['5.19', 4, 51900], ['1.2', 4, 12000], ['0.5', 0, 0.5], ['12', 4, 120000], ['1.23456', 4, 12345.6], ['0.001', 4, 10],
  ] as const)('should shift %s by %d places to %d exactly', (raw, places, value) => {
    expect(shiftDecimal(raw, places)).toBe(value);
  });
});
