import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../../errors.ts';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
/** zxcvbn's 0–4 scale: 3 is "safely unguessable" (about 10^8 guesses and more). */
export const PASSWORD_MIN_SCORE = 3;

/** Why a password is refused: a code (the web shows it in the UI language) and the Chinese sentence. */
export type PasswordReason = 'too_short' | 'too_long' | 'same_as_username' | 'blank' | 'too_guessable';

const REASON_TEXT: Record<PasswordReason, string> = {
  too_short: `密码至少 ${PASSWORD_MIN_LENGTH} 个字符`,
  too_long: `密码最多 ${PASSWORD_MAX_LENGTH} 个字符`,
  same_as_username: '密码不能与用户名相同',
  blank: '密码不能全是空格',
  too_guessable: '密码太常见或太有规律（如 1234567890、password12、重复或连续的字符），请用几个不相关的词或更长的组合',
};

let checker: ZxcvbnFactory | undefined;
// The common-password list and keyboard graphs (no language dictionary: the UI is Chinese, pinyin is not in them).
const zxcvbn = () => (checker ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs }));

/** The reasons a new password is refused, empty when it is acceptable. Used by every place a password is set. */
export function passwordReasons(password: string, username: string): PasswordReason[] {
  const reasons: PasswordReason[] = [];
  const length = [...password].length;
  if (password.trim() === '' && password.length > 0) reasons.push('blank');
  if (length < PASSWORD_MIN_LENGTH) reasons.push('too_short');
  if (password.length > PASSWORD_MAX_LENGTH) reasons.push('too_long');
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) reasons.push('same_as_username');
  if (reasons.length === 0 && zxcvbn().check(password, [username, 'yingshang', '营商']).score < PASSWORD_MIN_SCORE) reasons.push('too_guessable');
  return reasons;
}

/** The same, as Chinese sentences (the `problems` of a PASSWORD_POLICY error). */
export function passwordProblems(password: string, username: string): string[] {
  return passwordReasons(password, username).map((r) => REASON_TEXT[r]);
}

/** The details of a PASSWORD_POLICY error, or `null` when the password is acceptable. */
export function passwordPolicyDetails(password: string, username: string): { problems: string[]; reasons: PasswordReason[] } | null {
  const reasons = passwordReasons(password, username);
  return reasons.length === 0 ? null : { problems: reasons.map((r) => REASON_TEXT[r]), reasons };
}

/**
 * The one password rule, applied wherever a password is set (setup, `admin create`, user create and reset, change
 * password, enterprise accounts). Demo seeding alone writes its hash directly (demo-seeder.ts).
 * @throws AppError PASSWORD_POLICY with `details: { problems, reasons }`
 */
export function assertPasswordPolicy(password: string, username: string): void {
  const details = passwordPolicyDetails(password, username);
  if (details) throw new AppError('PASSWORD_POLICY', undefined, details);
}

// The library's default algorithm is argon2id (asserted in auth.passwords.test.ts).
export function hashPassword(password: string, memoryKib: number): Promise<string> {
  return hash(password, { memoryCost: memoryKib, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the time of one verification so unknown usernames and locked answers take as long as a real check. */
export async function verifyAgainstDummy(password: string, memoryKib: number): Promise<void> {
  dummyHash ??= hashPassword('dummy-password-for-timing', memoryKib);
  await verifyPassword(await dummyHash, password);
}
