import { applyAction } from '../shared/domain/wish-transition';
import { pickTeam } from '../shared/domain/routing';
import { newWish } from '../shared/domain/wish-create';
import type { Wish, WishEvent } from '../shared/schemas/wishes';
import { ActionBodies } from '../shared/schemas/wishes';
import { putCategory, putPlace } from '../functions/data/places';
import { putTeam } from '../functions/data/teams';
import { isCancelled } from '../functions/data/transactions';
import { putUser } from '../functions/data/users';
import { createWish } from '../functions/data/wishes';
import { CATEGORIES, DEMO_WISHES, PLACES, TEAMS, USERS, type DemoWish } from './demo-data';
import { seedBooking } from './demo-booking';

const minutesAfter = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** Replays a demo wish through the same pure domain the API uses, so its timeline is a real one. */
function buildDemoWish(demo: DemoWish): { wish: Wish; events: WishEvent[] } {
  const owner = USERS.find((u) => u.id === demo.ownerId)!;
  const building = PLACES.find((p) => p.id === demo.buildingId)!;
  const category = CATEGORIES.find((c) => c.id === demo.category)!;
  let { wish, events } = newWish({
    id: demo.id, now: demo.at, owner, filer: null, building, category, description: demo.description,
    flat: undefined, urgency: 'normal', team: pickTeam(category, TEAMS, building.communityId!),
  });
  demo.then.forEach((step, i) => {
    const actor = USERS.find((u) => u.id === step.by)!;
    const body = ActionBodies[step.action].parse(step.body);
    const next = applyAction(wish, { action: step.action, body, actor, now: minutesAfter(demo.at, 90 * (i + 1)) });
    wish = next.wish;
    events = [...events, next.event];
  });
  return { wish, events };
}

/**
 * Writes the demo data. Reference data is overwritten with the same values; demo wishes are created
 * only when missing, so a second start keeps whatever happened to them.
 */
export async function seedDemoData(): Promise<{ users: number; wishesCreated: number }> {
  await Promise.all([...PLACES.map(putPlace), ...CATEGORIES.map(putCategory), ...TEAMS.map(putTeam), ...USERS.map(putUser)]);
  let wishesCreated = 0;
  for (const demo of DEMO_WISHES) {
    const { wish, events } = buildDemoWish(demo);
    try {
      await createWish(wish, events);
      wishesCreated++;
    } catch (error) {
      if (!isCancelled(error)) throw error;
    }
  }
  await seedBooking();
  return { users: USERS.length, wishesCreated };
}
