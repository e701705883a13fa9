import { DEPARTMENTS, type DepartmentEntry } from './dictionary.ts';
import { foldUnitText } from './fold.ts';

/** A compiled department dictionary: alias -> entry, plus the entries that carry patterns. */
export interface DepartmentLookup {
  /** Entry for a core name (canonical or alias), after folding; undefined when unknown. */
  find(core: string): DepartmentEntry | undefined;
  /** Entry by canonical name. */
  byCanonical(canonical: string): DepartmentEntry | undefined;
  /** Entries with `patterns` (names with an embedded place), in dictionary order. */
  readonly patterned: readonly DepartmentEntry[];
  /** Aliases claimed by two different entries (empty for a consistent dictionary). */
  readonly conflicts: readonly string[];
}

/**
 * Compile a department dictionary for fast lookup. The built-in one is `DEFAULT_LOOKUP`; pass
 * `[...DEPARTMENTS, ...yourEntries]` to extend it (later entries never override earlier aliases;
 * the clash is reported in `conflicts`).
 *
 * @param entries dictionary entries (canonical + aliases)
 * @returns the lookup
 * @example
 * createDepartmentLookup(DEPARTMENTS).find('发改委')?.canonical // '发展和改革委员会'
 */
export function createDepartmentLookup(entries: readonly DepartmentEntry[]): DepartmentLookup {
  const map = new Map<string, DepartmentEntry>();
  const canon = new Map<string, DepartmentEntry>();
  const conflicts: string[] = [];
  for (const entry of entries) {
    canon.set(foldUnitText(entry.canonical), entry);
    for (const name of [entry.canonical, ...entry.aliases]) {
      const key = foldUnitText(name);
      const prev = map.get(key);
      if (prev && prev !== entry) conflicts.push(key);
      else map.set(key, entry);
    }
  }
  return {
    find: (core) => map.get(foldUnitText(core)),
    byCanonical: (c) => canon.get(foldUnitText(c)),
    patterned: entries.filter((e) => e.patterns && e.patterns.length > 0),
    conflicts,
  };
}

/** The built-in dictionary, compiled once. */
export const DEFAULT_LOOKUP: DepartmentLookup = createDepartmentLookup(DEPARTMENTS);
