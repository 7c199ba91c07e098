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
  /** Guards every change of the default (optimistic concurrency, so the audit's "before" is the value replaced). */
  version: z.number().int().min(0).optional(),
});
export type Category = z.infer<typeof Category>;

const SkillName = z.string().trim().min(1).max(40);

/**
 * A community's own choice of skill for a category (its staff's), in place of the operator's default; null: in
 * this community a person triages the category.
 */
export const SkillOverride = z.object({
  communityId: Id,
  categoryId: Id,
  skill: z.string().max(40).nullable(),
  updatedBy: z.object({ userId: Id, name: z.string(), at: z.string() }),
  version: z.number().int().min(1),
});
export type SkillOverride = z.infer<typeof SkillOverride>;

/**
 * A category as one community routes it: `skill` is the effective one (the community's override, else the
 * default), `defaultSkill` the operator's, `overridden` whether the community chose its own.
 */
export const CategoryView = Category.extend({ defaultSkill: z.string().max(40).nullable(), overridden: z.boolean() });
export type CategoryView = z.infer<typeof CategoryView>;

/** The categories as a community routes them (`communityId`), or the default table (`communityId: null`). */
export const CategoryList = z.object({ items: z.array(CategoryView), communityId: Id.nullable().default(null) });
export type CategoryList = z.infer<typeof CategoryList>;
/** GET /categories: whose table; the caller's own community unless named (one of theirs; the operator any). */
export const CategoriesQuery = z.strictObject({ communityId: Id.optional() });
export type CategoriesQuery = z.infer<typeof CategoriesQuery>;

/** The operator changes a category's name and default skill (the category → skill table is data, not code). */
export const CategoryBody = z.strictObject({ name: z.string().trim().min(1).max(40), skill: SkillName.nullable() });
export type CategoryBody = z.infer<typeof CategoryBody>;
export const CategoryPath = z.strictObject({ id: Id });
/** A community's staff choose the skill their community uses for a category (null: a person triages it there). */
export const SkillOverrideBody = z.strictObject({ skill: SkillName.nullable() });
export type SkillOverrideBody = z.infer<typeof SkillOverrideBody>;
export const CommunityCategoryPath = z.strictObject({ communityId: Id, id: Id });
export type CommunityCategoryPath = z.infer<typeof CommunityCategoryPath>;
