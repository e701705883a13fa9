/** Industry names for codes (GB/T 4754-2017); filled from core data in a later commit. */
export function industryName(code: string | null): string | null {
  if (!code) return null;
  return null;
}
