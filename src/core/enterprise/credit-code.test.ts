import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_ALPHABET, checkCreditCode, creditCodeCheckChar, creditCodeRegion } from './credit-code.ts';

// The standard's worked example and codes of well-known enterprises as printed on their business licences.
const KNOWN_VALID = ['91350100M000100Y43', '91440300708461136T', '91110108551385082Q', '9144030071526726XG'];

describe('checkCreditCode', () => {
  it.each(KNOWN_VALID)('should accept the published code %s', (code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true, normalized: code });
  });

  it('should accept lower case and surrounding spaces and normalise them', () => {
    expect(checkCreditCode(' 91350100m000100y43 ')).toEqual({ ok: true, normalized: '91350100M000100Y43' });
  });

  it('should name a wrong check character and the one expected', () => {
    expect(checkCreditCode('91350100M000100Y44')).toEqual({ ok: false, normalized: '91350100M000100Y44', problem: 'check', expected: '3' });
  });

  it('should refuse a wrong length and letters outside the alphabet (I, O, S, V, Z)', () => {
    expect(checkCreditCode('91350100M000100Y4').problem).toBe('length');
    for (const bad of ['I', 'O', 'S', 'V', 'Z']) expect(checkCreditCode(`9135010${bad}M000100Y43`).problem).toBe('character');
  });

  it('should accept every code built with its own check character and refuse any single-character change of it', () => {
    const char = fc.constantFrom(...CREDIT_CODE_ALPHABET);
    fc.assert(
      fc.property(fc.array(char, { minLength: 17, maxLength: 17 }), char, (chars, other) => {
        const first17 = chars.join('');
        const check = creditCodeCheckChar(first17);
        expect(checkCreditCode(first17 + check).ok).toBe(true);
        if (other !== check) expect(checkCreditCode(first17 + other)).toMatchObject({ ok: false, problem: 'check', expected: check });
      }),
    );
  });
});

describe('creditCodeRegion', () => {
  it('should read the GB/T 2260 code in positions 3-8', () => {
    expect(creditCodeRegion('91350100M000100Y43')).toBe('350100');
  });
});
