import * as z from 'zod';
import { Id, page } from './common';

export const ROLES = ['resident', 'volunteer', 'gridWorker', 'staff', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Phone = z.string().regex(/^1\d{10}$/, 'must be an 11-digit mainland mobile number');

/** A user as stored. Scope fields say which objects each role reaches. */
export const User = z.object({
  id: Id,
  name: z.string().min(1).max(40),
  roles: z.array(Role).min(1),
  phone: Phone.nullable(),
  /** Where the user lives (residents): their building, grid and community. */
  home: z
    .object({ streetId: Id, communityId: Id, gridId: Id, buildingId: Id, flat: z.string().max(40) })
    .nullable(),
  /** Grids a grid worker serves. */
  gridIds: z.array(Id),
  /** Communities whose staff the user is. */
  staffCommunityIds: z.array(Id),
  /** Teams the user volunteers in. */
  teamIds: z.array(Id),
  skills: z.array(z.string().max(40)),
  demo: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

/** What GET /me and the login routes return: the user without their raw phone or WeChat identity. */
export const Me = User.omit({ demo: true, createdAt: true }).extend({
  /** The communities the grids of a grid worker belong to. */
  gridCommunityIds: z.array(Id),
});
export type Me = z.infer<typeof Me>;

export const DevUser = z.object({ id: Id, name: z.string(), roles: z.array(Role) });
export type DevUser = z.infer<typeof DevUser>;

/** A resident as a grid worker or staff member picks them when filing on their behalf. */
export const Resident = z.object({
  id: Id,
  name: z.string(),
  buildingId: Id,
  buildingName: z.string(),
  flat: z.string(),
  gridId: Id,
});
export type Resident = z.infer<typeof Resident>;

export const ResidentPage = page(Resident);
export type ResidentPage = z.infer<typeof ResidentPage>;
