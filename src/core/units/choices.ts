import { foldUnitText } from './fold.ts';

/** A printed unit and the registry unit chosen for it (null while unresolved). */
export interface UnitChoice {
  printed: string;
  unitId: string | null;
}

/**
 * Fixing a printed name once fixes it everywhere: each unresolved reference takes the unit chosen
 * for the same printed name (folded) elsewhere in the plan — the plan's default units first, then
 * the measures in order. A name given two different units is left as it is (the choice is not
 * clear); a reference that already has a unit keeps it.
 *
 * @param lists the plan's reference lists (default units first, then each measure's lead and cooperating units)
 * @returns the same lists, with copies of the references that were filled in
 * @example propagateUnitChoices([[{ printed: '试点城市政府', unitId: 'u1' }], [{ printed: '试点城市政府', unitId: null }]])[1][0].unitId // 'u1'
 */
export function propagateUnitChoices<T extends UnitChoice>(lists: readonly (readonly T[])[]): T[][] {
  const chosen = new Map<string, string | null>();
  for (const list of lists) {
    for (const r of list) {
      if (!r.unitId) continue;
      const k = foldUnitText(r.printed);
      const prev = chosen.get(k);
      if (prev === undefined) chosen.set(k, r.unitId);
      else if (prev !== r.unitId) chosen.set(k, null);
    }
  }
  return lists.map((list) =>
    list.map((r) => {
      if (r.unitId) return r;
      const id = chosen.get(foldUnitText(r.printed));
      return id ? { ...r, unitId: id } : r;
    }),
  );
}
