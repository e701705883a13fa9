import type { Target } from './types.ts';

/**
 * Finds the quantified commitments in a piece of measure text.
 * Placeholder until the target extractor lands.
 */
export function extractTargets(_text: string, _opts: { baseYear: number | null }): Target[] {
  return [];
}
