import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEscalationNumber, parseEscalationNumber } from './escalation-number.ts';

describe(formatEscalationNumber.name, () => {
  it('should format with hexagonal brackets and 第', () => {
    expect(formatEscalationNumber({ year: 2026, seq: 12, prefix: '督办' })).toBe('督办〔2026〕第12号');
    expect(formatEscalationNumber({ year: 2026, seq: 1 })).toBe('督办〔2026〕第1号');
    expect(formatEscalationNumber({ year: 2027, seq: 305, prefix: '营商督办', ordinal: false })).toBe('营商督办〔2027〕305号');
    expect(formatEscalationNumber({ year: 2026, seq: 3, prefix: '' })).toBe('〔2026〕第3号');
  });

  it('should reject bad parts', () => {
    expect(() => formatEscalationNumber({ year: 26, seq: 1 })).toThrow(/SUP_INVALID_ESCALATION_NUMBER/);
    expect(() => formatEscalationNumber({ year: 2026, seq: 0 })).toThrow(/SUP_INVALID_ESCALATION_NUMBER/);
    expect(() => formatEscalationNumber({ year: 2026, seq: 1.5 })).toThrow(/SUP_INVALID_ESCALATION_NUMBER/);
    expect(() => formatEscalationNumber({ year: 2026, seq: 1, prefix: '督 办' })).toThrow(/SUP_INVALID_ESCALATION_NUMBER/);
    expect(() => formatEscalationNumber({ year: 2026, seq: 1, prefix: '督办〔' })).toThrow(/SUP_INVALID_ESCALATION_NUMBER/);
  });
});

describe(parseEscalationNumber.name, () => {
  it('should accept typed look-alike brackets and reject other text', () => {
    expect(parseEscalationNumber('营商督办[2026]3号')).toEqual({ prefix: '营商督办', year: 2026, seq: 3, ordinal: false });
    expect(parseEscalationNumber(' 督办（2026）第7号 ')).toEqual({ prefix: '督办', year: 2026, seq: 7, ordinal: true });
    expect(parseEscalationNumber('督办【2026】第7号')?.seq).toBe(7);
    expect(parseEscalationNumber('督办〔2026〕第012号')).toBeUndefined();
    expect(parseEscalationNumber('督办2026第7号')).toBeUndefined();
    expect(parseEscalationNumber('')).toBeUndefined();
  });

  it('should round-trip formatted numbers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom('督办', '营商督办', '市营商办督', ''),
        fc.boolean(),
        (year, seq, prefix, ordinal) => {
          const input = { year, seq, prefix, ordinal };
          expect(parseEscalationNumber(formatEscalationNumber(input))).toEqual(input);
        },
      ),
    );
  });
});
