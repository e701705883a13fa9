/**
 * Numbers of escalation notices (督办单编号), in the style of official document numbers (发文字号).
 */

/** Input of {@link formatEscalationNumber}. */
export interface EscalationNumberInput {
  /** Four-digit year, e.g. 2026. */
  year: number;
  /** Sequence number within the year, from 1, without padding (GB/T 9704 forbids 虚位 such as 012). */
  seq: number;
  /** Issuer abbreviation and kind, e.g. `督办` or `营商督办`; default `督办`. */
  prefix?: string;
  /**
   * Whether to write 第…号 (`督办〔2026〕第12号`, as many 督办单 do) or only …号 (`督办〔2026〕12号`, the GB/T
   * 9704-2012 发文字号 form). Default true.
   */
  ordinal?: boolean;
}

/**
 * Formats an escalation notice number with the hexagonal brackets 〔〕 of official document numbers.
 *
 * @param input year, sequence, prefix, ordinal style
 * @returns e.g. `督办〔2026〕第12号`
 * @throws RangeError (`SUP_INVALID_ESCALATION_NUMBER`) for a year outside 1000..9999, a sequence that is not a
 *   positive integer, or a prefix containing whitespace or brackets
 * @example formatEscalationNumber({ year: 2026, seq: 12, prefix: '督办' }) // '督办〔2026〕第12号'
 */
export function formatEscalationNumber(input: EscalationNumberInput): string {
  const { year, seq, prefix = '督办', ordinal = true } = input;
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`SUP_INVALID_ESCALATION_NUMBER: year must be a four-digit integer, got ${year}`);
  }
  if (!Number.isInteger(seq) || seq < 1) {
    throw new RangeError(`SUP_INVALID_ESCALATION_NUMBER: seq must be a positive integer, got ${seq}`);
  }
  if (/[\s〔〕[\]()（）【】]/.test(prefix)) {
    throw new RangeError(`SUP_INVALID_ESCALATION_NUMBER: prefix must not contain spaces or brackets, got ${JSON.stringify(prefix)}`);
  }
  return `${prefix}〔${year}〕${ordinal ? '第' : ''}${seq}号`;
}

/**
 * Parses a number written by {@link formatEscalationNumber}; also accepts the look-alike brackets people type
 * (`[2026]`, `(2026)`, `（2026）`, `【2026】`).
 *
 * @param text e.g. `督办〔2026〕第12号`
 * @returns the parts, or undefined when the text is not such a number
 * @example parseEscalationNumber('营商督办[2026]3号') // { prefix: '营商督办', year: 2026, seq: 3, ordinal: false }
 */
export function parseEscalationNumber(text: string): Required<EscalationNumberInput> | undefined {
  const m = /^\s*([^\s〔〕[\]()（）【】]*)[〔[(（【](\d{4})[〕\])）】](第?)([1-9]\d*)号\s*$/.exec(text);
  if (!m) return undefined;
  return { prefix: m[1], year: Number(m[2]), ordinal: m[3] === '第', seq: Number(m[4]) };
}
