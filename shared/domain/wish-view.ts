import type { WallItem, Wish } from '../schemas/wishes';
import type { Actor } from './wish-access';
import { relationTo } from './wish-access';
import { isFulfilled } from './wish-machine';

/** 13800000000 → 138****0000 */
export const maskPhone = (phone: string): string => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');

/**
 * What a viewer may see of a wish. The phone is shown whole only to the owner and staff; the flat
 * number only once a volunteer has claimed it (volunteers of the routed team see just the building).
 * Operators (admin) see neither; street staff see what community staff see.
 */
export function viewWish(wish: Wish, viewer: Actor, supporting = false): Wish {
  const r = relationTo(viewer, wish, supporting);
  const seesPhone = r.owner || r.staff || r.street;
  const seesFlat = r.owner || r.claimant || r.gridWorker || r.staff || r.street;
  // A neighbour who said "me too" follows the wish, not the person: no name, no number.
  const neighbourOnly = r.supporter && !(r.owner || r.claimant || r.teamMember || r.rank >= 0 || r.admin);
  // Other volunteers of the team see the work, not what the resident wrote when rating it (as in their timeline).
  const teamOnly = r.teamMember && !(r.owner || r.claimant || r.rank >= 0 || r.admin);
  return {
    ...wish,
    ownerName: neighbourOnly ? maskName(wish.ownerName) : wish.ownerName,
    // The people around the wish and the resident's own comment are not a neighbour's to read either.
    ...(neighbourOnly
      ? {
          filedBy: wish.filedBy && { ...wish.filedBy, name: maskName(wish.filedBy.name) },
          claimantName: wish.claimantName && maskName(wish.claimantName),
          comment: null,
          routingNote: null,
        }
      : {}),
    ...(teamOnly ? { comment: null } : {}),
    contactPhone: wish.contactPhone === null || seesPhone ? wish.contactPhone : neighbourOnly ? null : maskPhone(wish.contactPhone),
    flat: seesFlat ? wish.flat : null,
  };
}

/** 王秀英 → 王** : enough for neighbours to recognise a story, not enough to identify a person. */
export const maskName = (name: string): string => `${[...name][0] ?? ''}**`;

/** Whether a fulfilled wish appears on the public wall at all: only with the resident's consent. */
export const isOnWall = (wish: Pick<Wish, 'status' | 'wallConsent'>): boolean => isFulfilled(wish.status) && wish.wallConsent !== 'hidden';

/**
 * A fulfilled wish for the public wall: the resident's own words only if they agreed to show them, the
 * volunteer's name only if they agreed (recorded on the wish when they claimed it), masked otherwise.
 */
export const toWallItem = (wish: Wish): WallItem => {
  const words = wish.wallConsent === 'full';
  return {
    id: wish.id,
    categoryName: wish.categoryName,
    description: words ? wish.description : null,
    buildingName: wish.buildingName,
    ownerName: maskName(wish.ownerName),
    teamName: wish.teamName,
    claimantName: wish.claimantName && (wish.claimantNameOnWall ? wish.claimantName : maskName(wish.claimantName)),
    rating: wish.rating,
    comment: words ? wish.comment : null,
    fulfilledAt: wish.updatedAt,
  };
};
