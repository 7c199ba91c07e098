import { notFound } from '../../shared/errors';
import type {
  CategoriesQuery,
  Category,
  CategoryBody,
  CategoryList,
  CategoryView,
  SkillOverride,
  SkillOverrideBody,
} from '../../shared/schemas/places';
import type { User } from '../../shared/schemas/users';
import { memberCommunities } from '../auth/scope';
import { auditPut } from '../data/audit';
import {
  allCategories,
  effectiveCategory,
  getCategory,
  getPlace,
  getSkillOverride,
  saveCategoryAudited,
  saveSkillOverrideAudited,
  skillOverridesOf,
} from '../data/places';
import { optimistic } from '../data/retry';
import { auditScope } from './audit';

/**
 * The category → skill table as one community routes it: each category with the community's own skill where
 * its staff chose one, else the operator's default (`defaultSkill`, `overridden` say which). The caller's own
 * community unless they name one of theirs; the operator reads any, and without a community the default table.
 * A community that is not the caller's is answered as a missing one.
 */
export async function categoriesFor(user: User, query: CategoriesQuery): Promise<CategoryList> {
  const admin = user.roles.includes('admin');
  const mine = await memberCommunities(user);
  const communityId = query.communityId ?? mine[0] ?? null;
  if (query.communityId && !mine.includes(query.communityId)) {
    const community = admin ? await getPlace(query.communityId) : null;
    if (community?.kind !== 'community') throw notFound('community');
  }
  const [categories, overrides] = await Promise.all([allCategories(), communityId ? skillOverridesOf(communityId) : []]);
  const own = new Map(overrides.map((o) => [o.categoryId, o]));
  return { communityId, items: categories.map((c) => effectiveCategory(c, own.get(c.id) ?? null)) };
}

const skillOf = (c: Pick<Category, 'name' | 'skill'>) => ({ name: c.name, skill: c.skill });

/**
 * The operator changes a category's name and its default skill, the one every community routes by unless its
 * staff chose their own. Saved on the version read, with its audit entry, in one transaction.
 */
export async function updateCategory(user: User, id: string, body: CategoryBody, now: Date): Promise<CategoryView> {
  return optimistic('change a category', async () => {
    const category = await getCategory(id);
    if (!category) throw notFound('category');
    const next: Category = { ...category, name: body.name, skill: body.skill };
    const audit = auditPut(
      {
        action: 'category.skill',
        actorId: user.id,
        actorName: user.name,
        subject: { kind: 'category', id },
        communityId: null,
        streetId: null,
        before: skillOf(category),
        after: skillOf(next),
      },
      now,
    );
    const version = category.version ?? 0;
    await saveCategoryAudited(next, version, audit);
    return effectiveCategory({ ...next, version: version + 1 }, null);
  });
}

/** Staff of the community, and only they, keep its own skills; anyone else is answered as if it did not exist. */
const assertStaffOf = (user: User, communityId: string) => {
  if (!user.roles.includes('staff') || !user.staffCommunityIds.includes(communityId)) throw notFound('category');
};

/**
 * A community's staff choose the skill their community routes a category by (null: a person triages it there),
 * or go back to the operator's default (`body: null`). Other communities keep theirs. Saved on the version read,
 * with its audit entry (before and after, the community and its street), in one transaction.
 */
export async function setSkillOverride(
  user: User,
  communityId: string,
  categoryId: string,
  body: SkillOverrideBody | null,
  now: Date,
): Promise<CategoryView> {
  assertStaffOf(user, communityId);
  const where = await auditScope(communityId);
  return optimistic('change a community’s skill', async () => {
    const [category, previous] = await Promise.all([getCategory(categoryId), getSkillOverride(communityId, categoryId)]);
    if (!category) throw notFound('category');
    const next: SkillOverride | null = body
      ? {
          communityId,
          categoryId,
          skill: body.skill,
          updatedBy: { userId: user.id, name: user.name, at: now.toISOString() },
          version: (previous?.version ?? 0) + 1,
        }
      : null;
    if (!previous && !next) return effectiveCategory(category, null);
    const view = (o: SkillOverride | null) => ({ skill: o ? o.skill : category.skill, overridden: !!o });
    const audit = auditPut(
      {
        action: 'category.skill',
        actorId: user.id,
        actorName: user.name,
        subject: { kind: 'category', id: categoryId },
        ...where,
        before: view(previous),
        after: view(next),
      },
      now,
    );
    await saveSkillOverrideAudited({ communityId, categoryId }, previous, next, audit);
    return effectiveCategory(category, next);
  });
}
