import { hash, verify } from '@node-rs/argon2';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** Reasons a new password is refused, empty when it is acceptable. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(`密码至少 ${PASSWORD_MIN_LENGTH} 个字符`);
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`密码最多 ${PASSWORD_MAX_LENGTH} 个字符`);
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) problems.push('密码不能与用户名相同');
  return problems;
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

/** Spends the time of one verification so unknown usernames answer as slowly as known ones. */
export async function verifyAgainstDummy(password: string, memoryKib: number): Promise<void> {
  dummyHash ??= hashPassword('dummy-password-for-timing', memoryKib);
  await verifyPassword(await dummyHash, password);
}
