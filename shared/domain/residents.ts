import type { Home, Resident, User } from '../schemas/users';
import { assertHomeChangeAllowed, recentHomeChanges } from './membership';
import { maskPhone } from './wish-view';

export interface ProfileChange {
  name?: string;
  home?: Home;
  phone?: string;
  /** The phone came from WeChat's phone-number button (WeChat vouches for it), not typed. */
  phoneFromWechat?: boolean;
  birthYear?: number;
}

/**
 * A person's own profile change. Changing the name, the home, the birth year or a typed phone number undoes a
 * verification: the grid worker confirmed a person at a place, not whatever they say next (a number from
 * WeChat's phone button is WeChat's, and keeps it). A change of home (not the first one said) is limited to
 * `homeChangesPerMonth` in 30 days (TOO_MANY_HOME_CHANGES), so nobody hops from community to community.
 * Onboarded once name, home and phone are known.
 */
export function applyProfile(user: User, change: ProfileChange, rules: { now: string; homeChangesPerMonth: number }): User {
  const next: User = {
    ...user,
    name: change.name ?? user.name,
    home: change.home ?? user.home,
    phone: change.phone ?? user.phone,
    birthYear: change.birthYear ?? user.birthYear,
  };
  const moved = change.home !== undefined && (change.home.buildingId !== user.home?.buildingId || change.home.flat !== user.home?.flat);
  if (moved && user.home !== null) {
    const nowMs = Date.parse(rules.now);
    assertHomeChangeAllowed(user.homeChanges, nowMs, rules.homeChangesPerMonth);
    next.homeChanges = [...recentHomeChanges(user.homeChanges, nowMs), rules.now];
  }
  const renamed = change.name !== undefined && change.name !== user.name;
  // An age decides who may book 老年助餐: a grid worker confirmed it with the person, not whatever comes next.
  const reborn = change.birthYear !== undefined && change.birthYear !== user.birthYear;
  const retyped = change.phone !== undefined && change.phone !== user.phone && !change.phoneFromWechat;
  if (moved || renamed || reborn || retyped) Object.assign(next, { verified: false, verifiedBy: null });
  const named = user.onboarded || change.name !== undefined;
  next.onboarded = named && next.home !== null && next.phone !== null;
  return next;
}

/** The grid worker of the resident's grid, or staff of their community, may see and verify them. */
export const managesResident = (
  actor: Pick<User, 'roles' | 'gridIds' | 'staffCommunityIds'>,
  resident: Pick<User, 'home' | 'roles'>,
): boolean =>
  !!resident.home &&
  resident.roles.includes('resident') &&
  ((actor.roles.includes('gridWorker') && actor.gridIds.includes(resident.home.gridId)) ||
    (actor.roles.includes('staff') && actor.staffCommunityIds.includes(resident.home.communityId)));

export function verifiedBy(resident: User, actor: Pick<User, 'id' | 'name'>, now: string): User {
  return resident.verified ? resident : { ...resident, verified: true, verifiedBy: { userId: actor.id, name: actor.name, at: now } };
}

/** A resident as a manager sees them: the phone whole for staff, masked for grid workers. */
export function residentView(
  resident: User & { home: Home },
  buildingName: string,
  viewer: Pick<User, 'roles' | 'staffCommunityIds'>,
): Resident {
  const staff = viewer.roles.includes('staff') && viewer.staffCommunityIds.includes(resident.home.communityId);
  return {
    id: resident.id,
    name: resident.name,
    buildingId: resident.home.buildingId,
    buildingName,
    flat: resident.home.flat,
    gridId: resident.home.gridId,
    phone: resident.phone === null || staff ? resident.phone : maskPhone(resident.phone),
    verified: resident.verified,
    birthYear: resident.birthYear,
  };
}
