import * as z from 'zod';
import { Id, page } from './common';
import { FreeHours } from './teams';

export const ROLES = ['resident', 'volunteer', 'gridWorker', 'staff', 'streetStaff', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Phone = z.string().regex(/^1\d{10}$/, 'must be an 11-digit mainland mobile number');
export const PersonName = z.string().trim().min(1, 'say what to call you').max(40);
export const Flat = z.string().trim().min(1, 'say which flat, e.g. 2单元302').max(40);
/** Only the year: enough for age rules (老年助餐 60+), less than a birth date gives away. */
export const BirthYear = z.number().int().min(1900, 'a year such as 1948').max(2100, 'a year such as 1948');

export const Home = z.object({ streetId: Id, communityId: Id, gridId: Id, buildingId: Id, flat: z.string().max(40) });
export type Home = z.infer<typeof Home>;

/** Who confirmed that a resident is who and where they say: a grid worker or staff member of their place. */
export const Verification = z.object({ userId: Id, name: z.string(), at: z.string() });

/** A user as stored. Scope fields say which objects each role reaches. */
export const User = z.object({
  id: Id,
  name: z.string().min(1).max(40),
  roles: z.array(Role).min(1),
  phone: Phone.nullable(),
  /** Where the user lives (residents): their building, grid and community. */
  home: Home.nullable(),
  /** Grids a grid worker serves. */
  gridIds: z.array(Id),
  /** Communities whose staff the user is. */
  staffCommunityIds: z.array(Id),
  /** Streets whose staff (街道) the user is: what a community could not solve comes to them. */
  streetIds: z.array(Id).default([]),
  /** Teams the user volunteers in. */
  teamIds: z.array(Id),
  skills: z.array(z.string().max(40)),
  /** A volunteer's usual free hours, and a pause (holiday, illness) during which routing passes them over. */
  hours: FreeHours.default({ workday: [], restday: [] }),
  paused: z.boolean().default(false),
  /** Residents: the year of birth they gave, for age rules of services; changing it undoes the verification. */
  birthYear: BirthYear.nullable().default(null),
  /** Has said who and where they are (name, home, phone) since signing in with WeChat. */
  onboarded: z.boolean().default(false),
  /** A grid worker or staff member of their place has confirmed it; reset when the name, home, birth year or a typed phone changes. */
  verified: z.boolean().default(false),
  verifiedBy: Verification.nullable().default(null),
  /** When the home changed (not the first one said) in the last 30 days: a few a month at most. */
  homeChanges: z.array(z.string()).default([]),
  /** A volunteer agrees that the community's wall shows their name on wishes they claim (masked, 张**, otherwise). */
  showNameOnWall: z.boolean().default(false),
  /** The WeChat identity (openid) of a user who signed in with WeChat: where subscribe messages go. Never shown. */
  wechatOpenId: z.string().nullable().default(null),
  demo: z.boolean(),
  createdAt: z.string(),
  /** Sessions issued at or before this moment (epoch ms) are ended: sign-out, or staff ending a member's sessions. */
  tokensValidAfter: z.number().int().nullable().default(null),
  /** Guards every update of the item (optimistic concurrency). */
  version: z.number().int().min(0).default(0),
});
export type User = z.infer<typeof User>;

/** What GET /me and the login routes return: the user without their WeChat identity or bookkeeping. */
export const Me = User.omit({ demo: true, createdAt: true, version: true, wechatOpenId: true, tokensValidAfter: true }).extend({
  /** The communities the grids of a grid worker belong to. */
  gridCommunityIds: z.array(Id),
});
export type Me = z.infer<typeof Me>;

/**
 * PATCH /me: what a person may say about themselves. Roles, the verified flag and the scope fields are
 * not here: an unknown field is refused by name (strict), so nobody can raise their own rights.
 */
export const MeUpdateBody = z
  .strictObject({
    name: PersonName.optional(),
    home: z.strictObject({ buildingId: Id, flat: Flat }).optional(),
    phone: Phone.optional(),
    /** In the mini-program: the code of WeChat's phone-number button, exchanged by the server for the number. */
    phoneCode: z.string().min(1).max(128).optional(),
    birthYear: BirthYear.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'send at least one of name, home, phone, birthYear' })
  .refine((b) => !(b.phone && b.phoneCode), { path: ['phoneCode'], message: 'send the phone or the phone code, not both' });
export type MeUpdateBody = z.infer<typeof MeUpdateBody>;

export const DevUser = z.object({ id: Id, name: z.string(), roles: z.array(Role) });
export type DevUser = z.infer<typeof DevUser>;

/** A resident as a grid worker or staff member sees them: to verify, or to file a wish for. */
export const Resident = z.object({
  id: Id,
  name: z.string(),
  buildingId: Id,
  buildingName: z.string(),
  flat: z.string(),
  gridId: Id,
  /** Masked (138****0000) for grid workers, whole for staff of the community. */
  phone: z.string().nullable(),
  verified: z.boolean(),
  birthYear: BirthYear.nullable().default(null),
});
export type Resident = z.infer<typeof Resident>;

export const ResidentPage = page(Resident);
export type ResidentPage = z.infer<typeof ResidentPage>;

export const ResidentIdPath = z.strictObject({ id: Id });
export const VerifyBody = z.strictObject({});

export const UserIdPath = z.strictObject({ id: Id });
export type UserIdPath = z.infer<typeof UserIdPath>;

/** The answer of a sign-out: when the ended sessions stopped counting. */
export const SignedOut = z.object({ signedOutAt: z.string() });
export type SignedOut = z.infer<typeof SignedOut>;
