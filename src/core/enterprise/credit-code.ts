/**
 * 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from a 31-character alphabet (digits
 * and upper-case letters without I, O, Z, S, V). Position 1 is the registering authority, 2 the organisation kind,
 * 3–8 the registering region's GB/T 2260 code, 9–17 the organisation code, 18 a check character computed from the
 * first 17 with weights 3^(i) mod 31.
 */

/** The code's alphabet; a character's value is its index. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'length' | 'character' | 'check';

export interface CreditCodeCheck {
  ok: boolean;
  /** The code trimmed and upper-cased, as it is stored. */
  normalized: string;
  problem?: CreditCodeProblem;
  /** For `check`: the check character the first 17 characters call for. */
  expected?: string;
}

/**
 * The check character for the first 17 characters of a code.
 * @param first17 17 characters of {@link CREDIT_CODE_ALPHABET}
 * @returns the 18th character
 * @throws Error when `first17` is not 17 characters of the alphabet (a programmer error: validate first)
 * @example creditCodeCheckChar('91350100M000100Y4') // '3'
 */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('creditCodeCheckChar needs 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]);
    if (value < 0) throw new Error(`creditCodeCheckChar: '${first17[i]}' is not in the alphabet`);
    sum += value * WEIGHTS[i];
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/**
 * Validates a 统一社会信用代码: length, alphabet and check character.
 * @param input the code as typed or imported (surrounding spaces and lower case are accepted)
 * @returns `{ ok, normalized }`, with `problem` (and `expected` for a wrong check character) when not ok
 * @example checkCreditCode('91350100m000100y43') // { ok: true, normalized: '91350100M000100Y43' }
 */
export function checkCreditCode(input: string): CreditCodeCheck {
  const normalized = input.trim().toUpperCase();
  if (normalized.length !== 18) return { ok: false, normalized, problem: 'length' };
  for (const ch of normalized) if (!CREDIT_CODE_ALPHABET.includes(ch)) return { ok: false, normalized, problem: 'character' };
  const expected = creditCodeCheckChar(normalized.slice(0, 17));
  return expected === normalized[17] ? { ok: true, normalized } : { ok: false, normalized, problem: 'check', expected };
}

/** The GB/T 2260 region code in positions 3–8 of a code. */
export function creditCodeRegion(code: string): string {
  return code.slice(2, 8);
}
