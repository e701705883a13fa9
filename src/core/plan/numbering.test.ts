import { describe, expect, it } from 'vitest';
import { cnToInt, intToCn, readMarker } from './numbering.ts';

describe('readMarker', () => {
  const sut = readMarker;
  it.each([
    ['一、总体要求', 'cn-dun', '一', 1],
    ['十二．任务', 'cn-dun', '十二', 12],
    ['（三）优化服务', 'cn-paren', '三', 3],
    ['(九十九)优化服务', 'cn-paren', '九十九', 99],
    ['1.推进改革', 'ar', '1', 1],
    ['12、推进改革', 'ar', '12', 12],
    ['3. 深化改革', 'ar', '3', 3],
    ['(42)统筹', 'ar-paren', '42', 42],
    ['（7）统筹', 'ar-paren', '7', 7],
    ['2）统筹', 'ar-half', '2', 2],
    ['⑫统筹', 'circled', '⑫', 12],
    ['第三章 保障', 'cn-chapter', '三', 3],
  ])('should read %s', (text, style, label, value) => {
    expect(sut(text)).toMatchObject({ style, label, value });
  });

  it.each(['1.2万人次', '2022年底前', '12345热线', '一是加强', '一、二审案件', '（此件公开发布）', '(含)以内', ''])('should not read %s as numbering', (text) => {
    expect(sut(text)).toBeNull();
  });
});

describe('readMarker with the next number of a running sequence', () => {
  const sut = readMarker;
  it('should read "N." before a digit as item N only when N is the number due next', () => {
    expect(sut('7.365天政务服务不打烊。', 7)).toMatchObject({ style: 'ar', label: '7', value: 7, length: 2 });
    expect(sut('7.365天政务服务不打烊。')).toBeNull();
    expect(sut('7.365天政务服务不打烊。', 8)).toBeNull();
  });

  it('should keep a decimal quantity at the start of a line a decimal', () => {
    expect(sut('3.5万户市场主体。', 3)).toBeNull();
    expect(sut('2.5%的增幅。', 2)).toBeNull();
  });
});

describe('cnToInt', () => {
  it('should convert numerals up to 九百九十九 and round-trip with intToCn', () => {
    expect(cnToInt('十')).toBe(10);
    expect(cnToInt('二十三')).toBe(23);
    expect(cnToInt('九十九')).toBe(99);
    expect(cnToInt('一百零五')).toBe(105);
    expect(Number.isNaN(cnToInt('甲'))).toBe(true);
    for (let n = 1; n < 100; n++) expect(cnToInt(intToCn(n))).toBe(n);
  });
});
