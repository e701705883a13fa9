import { benefitAmount } from './rule-benefit.ts';
import { evaluateRule } from './rule-evaluate.ts';
import type { RuleVersion, SituationTest, Truth } from './rule-types.ts';

/**
 * The rule version in force on a date (OpenFisca picks the dated formula the same way): the latest `validFrom` not
 * after `date` whose `validTo` is null or not before it.
 * @returns the version, or undefined when none covers the date
 */
export function versionInForce<V extends Pick<RuleVersion, 'validFrom' | 'validTo' | 'version'>>(versions: readonly V[], date: string): V | undefined {
  let best: V | undefined;
  for (const v of versions) {
    if (v.validFrom > date || (v.validTo !== null && v.validTo < date)) continue;
    if (!best || v.validFrom > best.validFrom || (v.validFrom === best.validFrom && v.version > best.version)) best = v;
  }
  return best;
}

export interface SituationResult {
  name: string;
  passed: boolean;
  expected: Truth;
  actual: Truth;
  expectedAmount: number | null | undefined;
  actualAmount: number | null;
  /** Why it failed, in words; empty when it passed. */
  message: string;
}

/**
 * Runs situation tests (profile + date + expected answer, optionally the amount) against a version. A version may be
 * published only when every test passes and there is at least one.
 */
export function runSituationTests(version: Pick<RuleVersion, 'rule' | 'benefit'>, tests: readonly SituationTest[]): { passed: boolean; results: SituationResult[] } {
  const results = tests.map((test): SituationResult => {
    const evaluation = evaluateRule(version.rule, test.profile, test.asOf);
    const amount = evaluation.result === 'true' ? benefitAmount(version.benefit, test.profile, test.asOf).amount : null;
    const resultOk = evaluation.result === test.expected;
    const amountOk = test.expectedAmount === undefined || amount === test.expectedAmount;
    const problems: string[] = [];
    if (!resultOk) {
      const gaps = evaluation.leaves.filter((l) => l.gap).map((l) => `${l.id}: ${l.gap}`);
      problems.push(`期望 ${test.expected}，实际 ${evaluation.result}${gaps.length ? `（${gaps.join('；')}）` : ''}`);
    }
    if (!amountOk) problems.push(`期望金额 ${String(test.expectedAmount)}，实际 ${String(amount)}`);
    return { name: test.name, passed: resultOk && amountOk, expected: test.expected, actual: evaluation.result, expectedAmount: test.expectedAmount, actualAmount: amount, message: problems.join('；') };
  });
  return { passed: results.length > 0 && results.every((r) => r.passed), results };
}
