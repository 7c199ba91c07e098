import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Category, Place } from '../../shared/schemas/places';
import { tableName } from '../config';
import { db, INDEX } from './db';
import { readAll, type Source } from './pagination';

/** Places and categories: small reference data, each one item, listed through one GSI1 partition. */
const placeKey = (id: string) => ({ PK: `PLACE#${id}`, SK: 'PLACE' });
const categoryKey = (id: string) => ({ PK: `CATEGORY#${id}`, SK: 'CATEGORY' });
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

export async function putCategory(category: Category): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...categoryKey(category.id),
        type: 'category',
        GSI1PK: 'CATEGORIES',
        GSI1SK: `${order(category.order)}#${category.id}`,
        ...category,
      },
    }),
  );
}
