import type { Deadline } from './types.ts';

/**
 * Finds the time limits a piece of measure text states for itself and resolves them to dates.
 * Placeholder until the deadline extractor lands.
 */
export function extractDeadlines(_text: string, _opts: { baseYear: number | null }): Deadline[] {
  return [];
}
