/**
 * The set of character bigrams of a string (a one-character string gives itself). Characters are
 * code points, so astral CJK characters count once.
 *
 * @param text any string
 * @returns the bigram set (empty for '')
 * @example
 * [...bigrams('发改委')] // ['发改', '改委']
 */
export function bigrams(text: string): Set<string> {
  const chars = [...text];
  if (chars.length < 2) return new Set(chars);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return out;
}

/**
 * Sørensen–Dice coefficient of two bigram sets: 2·|A∩B| / (|A|+|B|), in [0, 1]; 0 when both are empty.
 *
 * @param a bigram set
 * @param b bigram set
 * @returns similarity in [0, 1]
 * @example
 * dice(bigrams('市场监管局'), bigrams('市场监督管理局')) // 0.4
 */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const g of small) if (large.has(g)) common++;
  return (2 * common) / (a.size + b.size);
}
