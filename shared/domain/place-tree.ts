import type { Place, PlaceNode } from '../schemas/places';

const parentOf = (p: Place): string | null => {
  if (p.kind === 'building') return p.gridId;
  if (p.kind === 'grid') return p.communityId;
  if (p.kind === 'community') return p.streetId;
  return null;
};

/** street → community → grid → building, each level in display order; orphans are dropped, not guessed. */
export function buildPlaceTree(places: readonly Place[]): PlaceNode[] {
  const sorted = [...places].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const nodes = new Map(sorted.map((p) => [p.id, { id: p.id, name: p.name, kind: p.kind, children: [] as PlaceNode[] }]));
  const roots: PlaceNode[] = [];
  for (const p of sorted) {
    const node = nodes.get(p.id)!;
    const parent = parentOf(p);
    if (parent === null) roots.push(node);
    else nodes.get(parent)?.children.push(node);
  }
  return roots;
}
