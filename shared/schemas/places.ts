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
});
export type Category = z.infer<typeof Category>;

export const CategoryList = z.object({ items: z.array(Category) });
export type CategoryList = z.infer<typeof CategoryList>;
