import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { Category, type CategoryView, Place, SkillOverride } from '../../shared/schemas/places';
import { tableName } from '../config';
import { db, INDEX } from './db';
import { readAll, type Source } from './pagination';
import type { TransactItem } from './transactions';

/** Places and categories: small reference data, each one item, listed through one GSI1 partition. */
const placeKey = (id: string) => ({ PK: `PLACE#${id}`, SK: 'PLACE' });
const categoryKey = (id: string) => ({ PK: `CATEGORY#${id}`, SK: 'CATEGORY' });
/** A community's own skill for a category: all of one community's in one partition. */
const overrideKey = (communityId: string, categoryId: string) => ({ PK: `SKILLS#${communityId}`, SK: `CATEGORY#${categoryId}` });
const order = (n: number) => String(n).padStart(6, '0');

/** AP: get a place by id (to find the grid and community of a building). */
export async function getPlace(id: string): Promise<Place | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: placeKey(id) }));
  return out.Item ? Place.parse(out.Item) : null;
}

/** AP: all places, for the picker tree (GSI1 partition PLACES). */
export const allPlaces = (): Promise<Place[]> =>
  readAll<Place>({ index: INDEX.gsi1, partitions: ['PLACES'], forward: true, item: Place } satisfies Source<Place>);

export async function putPlace(place: Place): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...placeKey(place.id), type: 'place', GSI1PK: 'PLACES', GSI1SK: `${order(place.order)}#${place.id}`, ...place },
    }),
  );
}

/** AP: get a category by id. */
export async function getCategory(id: string): Promise<Category | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: categoryKey(id) }));
  return out.Item ? Category.parse(out.Item) : null;
}

/** AP: all categories in display order (GSI1 partition CATEGORIES). */
export const allCategories = (): Promise<Category[]> =>
  readAll<Category>({ index: INDEX.gsi1, partitions: ['CATEGORIES'], forward: true, item: Category });

const categoryItem = (category: Category) => ({
  ...categoryKey(category.id),
  type: 'category',
  GSI1PK: 'CATEGORIES',
  GSI1SK: `${order(category.order)}#${category.id}`,
  ...category,
});

/** Seeds and reference data: a plain put of fixed values. */
export async function putCategory(category: Category): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: categoryItem(category) }));
}

/** The category as a community routes it: the community's own skill if its staff chose one, else the default. */
export const effectiveCategory = (category: Category, override: SkillOverride | null): CategoryView => ({
  ...category,
  skill: override ? override.skill : category.skill,
  defaultSkill: category.skill,
  overridden: !!override,
});

/** AP: a community's own skill for one category (GetItem SKILLS#community / CATEGORY#id). */
export async function getSkillOverride(communityId: string, categoryId: string): Promise<SkillOverride | null> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: overrideKey(communityId, categoryId), ConsistentRead: true }));
  return out.Item ? SkillOverride.parse(out.Item) : null;
}

/**
 * AP: a category as one community routes it (routing, the wish form): the category and the community's own
 * skill for it, read at once; without a community, the default.
 */
export async function categoryIn(id: string, communityId: string | null): Promise<CategoryView | null> {
  const [category, override] = await Promise.all([getCategory(id), communityId ? getSkillOverride(communityId, id) : null]);
  return category ? effectiveCategory(category, override) : null;
}

/** AP: every skill a community chose for itself (Query SKILLS#community). */
export const skillOverridesOf = (communityId: string): Promise<SkillOverride[]> =>
  readAll<SkillOverride>({ index: 'table', partitions: [`SKILLS#${communityId}`], forward: true, item: SkillOverride }, 500);

/** A category's default changed, only on the version read, with the audit entry of the change: one transaction. */
export async function saveCategoryAudited(next: Category, previousVersion: number, audit: TransactItem): Promise<void> {
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: categoryItem({ ...next, version: previousVersion + 1 }),
            ConditionExpression: 'attribute_not_exists(version) OR version = :v',
            ExpressionAttributeValues: { ':v': previousVersion },
          },
        },
        audit,
      ],
    }),
  );
}

/**
 * A community's own skill set (`next`) or removed (`next: null`, back to the default), only if unchanged since
 * read (`previous`), with the audit entry: one transaction.
 */
export async function saveSkillOverrideAudited(
  key: { communityId: string; categoryId: string },
  previous: SkillOverride | null,
  next: SkillOverride | null,
  audit: TransactItem,
): Promise<void> {
  const Key = overrideKey(key.communityId, key.categoryId);
  const guard = previous
    ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': previous.version } }
    : { ConditionExpression: 'attribute_not_exists(PK)' };
  const change: TransactItem = next
    ? { Put: { TableName: tableName(), Item: { ...Key, type: 'skillOverride', ...next }, ...guard } }
    : { Delete: { TableName: tableName(), Key, ...guard } };
  await db().send(new TransactWriteCommand({ TransactItems: [change, audit] }));
}
