import * as z from 'zod';
import { Id } from './common';

export const PLACE_KINDS = ['street', 'community', 'grid', 'building'] as const;
export const PlaceKind = z.enum(PLACE_KINDS);
export type PlaceKind = z.infer<typeof PlaceKind>;

/** A place as stored: its ancestors are denormalised so one GetItem answers "which grid is this building in". */
export const Place = z.object({
  id: Id,
  name: z.string().min(1).max(60),
  kind: PlaceKind,
  streetId: Id,
  communityId: Id.nullable(),
  gridId: Id.nullable(),
  order: z.number().int(),
  /** Who runs its queue: the grid workers of a grid, the staff of a community or of a street. */
  managerIds: z.array(Id).default([]),
});
export type Place = z.infer<typeof Place>;

export interface PlaceNode {
  id: string;
  name: string;
  kind: PlaceKind;
  children: PlaceNode[];
}
export const PlaceNode: z.ZodType<PlaceNode> = z.lazy(() =>
  z.object({ id: Id, name: z.string(), kind: PlaceKind, children: z.array(PlaceNode) }),
);

export const PlaceTree = z.object({ items: z.array(PlaceNode) });
export type PlaceTree = z.infer<typeof PlaceTree>;

export const Category = z.object({
  id: Id,
  name: z.string().min(1).max(40),
  /** The skill a team needs to be routed this category; null means a person must triage it. */
  skill: z.string().max(40).nullable(),
  order: z.number().int(),
  /** Offered in the wish form's category picker (the call-back category is not: it has its own button). */
  pickable: z.boolean().default(true),
});
export type Category = z.infer<typeof Category>;

export const CategoryList = z.object({ items: z.array(Category) });
export type CategoryList = z.infer<typeof CategoryList>;

/** Staff change which skill a category needs (the category → skill table is data, not code). */
export const CategoryBody = z.strictObject({ name: z.string().trim().min(1).max(40), skill: z.string().trim().min(1).max(40).nullable() });
export type CategoryBody = z.infer<typeof CategoryBody>;
export const CategoryPath = z.strictObject({ id: Id });
