import type { Region } from '../api/types.ts';

export interface RegionNode extends Region {
  children?: RegionNode[];
}

/**
 * Flat regions -> forest by `parentId`. Regions whose parent is not in the list (outside the
 * caller's scope) become roots, so an office user sees its own subtree rooted at its region.
 */
export function buildRegionTree(regions: Region[]): RegionNode[] {
  const byId = new Map<string, RegionNode>(regions.map((r) => [r.id, { ...r }]));
  const roots: RegionNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/** Ids of a region and everything under it. */
export function subtreeIds(regions: Region[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of regions) {
      if (r.parentId && ids.has(r.parentId) && !ids.has(r.id)) {
        ids.add(r.id);
        grew = true;
      }
    }
  }
  return ids;
}

export interface RegionOption {
  value: string;
  title: string;
  disabled?: boolean;
  children?: RegionOption[];
}

/** Tree options for a TreeSelect, with `disabledIds` greyed out (a region cannot move under itself). */
export function regionOptions(tree: RegionNode[], disabledIds?: Set<string>): RegionOption[] {
  return tree.map((n) => ({
    value: n.id,
    title: n.name,
    disabled: disabledIds?.has(n.id) || undefined,
    children: n.children ? regionOptions(n.children, disabledIds) : undefined,
  }));
}
