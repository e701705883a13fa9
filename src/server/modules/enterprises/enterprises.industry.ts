import { findIndustry } from '../../../core/enterprise/industry-codes.ts';

/** The GB/T 4754-2017 name of a stored industry code, or null. */
export function industryName(code: string | null): string | null {
  return findIndustry(code)?.name ?? null;
}
