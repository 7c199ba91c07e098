import * as z from 'zod';
import { Id, page, PageQuery } from './common';

/** A wall-clock time in Beijing (UTC+8, no daylight saving): schedules and deadlines are set in it. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, Beijing time');
/** 1 Monday … 7 Sunday, as Chinese calendars count (星期一 … 星期日). */
export const Weekday = z.number().int().min(1).max(7);

/** One weekly repeating slot: every `weekday` at `start`, with the service's seats unless said. */
export const WeeklyRule = z.strictObject({ weekday: Weekday, start: ClockTime, seats: z.number().int().min(1).max(500).optional() });
export type WeeklyRule = z.infer<typeof WeeklyRule>;

/** A moment before a slot: N hours before its start, or a time of the day before (meals: 16:00 the day before). */
export const Deadline = z.union([
  z.strictObject({
    hoursBefore: z
      .number()
      .min(0)
      .max(24 * 30),
  }),
  z.strictObject({ dayBeforeAt: ClockTime }),
]);
export type Deadline = z.infer<typeof Deadline>;

export const ALLOCATIONS = ['first_come', 'ballot'] as const;
export const Allocation = z.enum(ALLOCATIONS);
export type Allocation = z.infer<typeof Allocation>;

/**
 * Who makes a ballot's seed, named before any application (issue 16): witnesses (监督人: the community's staff,
 * residents' representatives of the council roster, or residents named here) each commit to a secret before the
 * close and reveal it once the list is published; and/or a public number published after the close that nobody
 * in the community controls (a named lottery draw). A witness silent at `revealHours` after the close is recorded,
 * and `ifWitnessSilent` says what then happens: `public_only`, the public number alone makes the seed.
 */
export const DrawRules = z
  .strictObject({
    witnesses: z.array(Id).max(5),
    publicSource: z
      .strictObject({
        /** The draw that gives the number: 中国福利彩票 双色球. */
        name: z.string().trim().min(1).max(60),
        /** Which one: 监督人揭示截止后的第一期开奖号码 (with witnesses, published after their reveal deadline). */
        which: z.string().trim().min(1).max(80),
      })
      .nullable(),
    revealHours: z.number().int().min(1).max(72),
    /**
     * A witness silent at the reveal deadline: `public_only`, the draw is made at once from the list hash and the
     * public number; `redraw_at`, it is made at a named later moment (`redraw`) from the list hash, the secrets that
     * were revealed, the public number and a second public number published after that moment, so that a witness
     * who holds back cannot know what holding back gives.
     */
    ifWitnessSilent: z.enum(['public_only', 'redraw_at']),
    redraw: z
      .strictObject({
        /** The re-draw is this many hours after the reveal deadline. */
        hoursAfterReveal: z.number().int().min(1).max(168),
        /** Its public number: 中国福利彩票 双色球, 重抽时间之后的第一期开奖号码. */
        source: z.strictObject({ name: z.string().trim().min(1).max(60), which: z.string().trim().min(1).max(80) }),
      })
      .optional(),
    /**
     * The weight of each class of applicant (the list shows a weight per ticket; WEIGHT_REASONS in
     * shared/domain/booking/ballot.ts says why): `normal`, and `restricted`, 30 days from a third unexcused
     * no-show within 90 days.
     */
    weights: z
      .strictObject({ normal: z.number().int().min(1).max(2), restricted: z.number().int().min(1).max(2) })
      .default({ normal: 2, restricted: 1 }),
  })
  .refine((d) => new Set(d.witnesses).size === d.witnesses.length, { message: 'a witness is named once', path: ['witnesses'] })
  .refine((d) => d.witnesses.length === 0 || d.witnesses.length >= 2, {
    message: 'name at least two witnesses, or none',
    path: ['witnesses'],
  })
  .refine((d) => d.publicSource !== null, {
    message: 'name the public number the draw falls back on if a witness is silent',
    path: ['publicSource'],
  })
  .refine((d) => (d.ifWitnessSilent === 'redraw_at') === (d.redraw !== undefined), {
    message: 'redraw_at names its moment and its public number (redraw); public_only names none',
    path: ['redraw'],
  });
export type DrawRules = z.infer<typeof DrawRules>;

/**
 * How a service is booked. A slot keeps a copy of the rules it was opened with, so a later change of
 * the rules never changes a booking someone already holds.
 */
export const ServiceRules = z.strictObject({
  durationMinutes: z
    .number()
    .int()
    .min(10)
    .max(12 * 60),
  seatsPerSlot: z.number().int().min(1).max(500),
  /** The booking window opens this many days before the slot's date, at `opensAt` (Beijing). */
  opensDaysAhead: z.number().int().min(0).max(60),
  opensAt: ClockTime,
  /** …and closes here (the provider needs the numbers: the canteen at 16:00 the day before). */
  closes: Deadline,
  /** After this a resident cannot cancel (staff may, with a reason). */
  cancelBy: Deadline,
  /** Per resident, whoever books for them: bookings held at once, and bookings a calendar month. */
  quota: z.strictObject({ active: z.number().int().min(1).max(20), perMonth: z.number().int().min(1).max(100) }),
  /** Who may book: an age (from the resident's birth year) and grids; empty means everyone of the community. */
  eligibility: z.strictObject({ minAge: z.number().int().min(1).max(120).nullable(), gridIds: z.array(Id).max(50) }),
  allocation: Allocation,
  /** Ballot: applications are taken for this many hours from the window's opening, then drawn. */
  ballotHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14),
  /** Share of each slot's seats held back for bookings made for residents by grid workers or the desk. */
  reservedPercent: z.number().int().min(0).max(50),
  /** …until this many hours before the start, when the held-back seats open to everyone. */
  releaseHoursBefore: z
    .number()
    .min(0)
    .max(24 * 30),
  /** Minutes after the start within which a booked resident must be checked in, or is a no-show. */
  graceMinutes: z.number().int().min(0).max(180),
  /** How long a waiting-list offer is held: for the resident who taps, and for one a grid worker books for. */
  offerHours: z.strictObject({ self: z.number().min(0.25).max(48), assisted: z.number().min(0.25).max(72) }),
  /** Ballot: who makes the seed. Absent on ballots opened before issue 16: their seed follows from the list alone. */
  draw: DrawRules.optional(),
});
export type ServiceRules = z.infer<typeof ServiceRules>;

export const SERVICE_KINDS = ['service', 'room'] as const;
export const ServiceKind = z.enum(SERVICE_KINDS);

export const Service = z.object({
  id: Id,
  communityId: Id,
  name: z.string().min(1).max(40),
  description: z.string().max(500),
  /** Where it happens: 社区党群服务中心一楼理发室. */
  place: z.string().min(1).max(80),
  kind: ServiceKind,
  /** The team that provides it and checks people in; null for a room, which staff look after. */
  teamId: Id.nullable(),
  teamName: z.string().nullable(),
  rules: ServiceRules,
  schedule: z.array(WeeklyRule).max(60),
  /** Inactive: no new slots are opened; the existing ones stay as they are. */
  active: z.boolean(),
  order: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().min(1),
});
export type Service = z.infer<typeof Service>;

export const ServicePage = page(Service);
export type ServicePage = z.infer<typeof ServicePage>;

const Name = z.string().trim().min(1).max(40);
const Place = z.string().trim().min(1).max(80);
const Description = z.string().trim().max(500);

const fairBallot = (r: Partial<ServiceRules>) => !(r.allocation === 'ballot' && (r.reservedPercent ?? 0) > 0);
const ballotMessage = { path: ['rules', 'reservedPercent'], message: 'a ballot counts every channel the same: hold no seats back (0)' };
/** A new ballot names who makes its seed (issue 16): a seed from the list alone could be known before the close. */
const witnessedBallot = (r: Partial<ServiceRules>) => !(r.allocation === 'ballot' && !r.draw);
const witnessedMessage = {
  path: ['rules', 'draw'],
  message: 'a ballot names who makes its seed: witnesses and a public number published after the close',
};

export const ServiceCreateBody = z
  .strictObject({
    /** Default: the staff member's own community. */
    communityId: Id.optional(),
    name: Name,
    description: Description.default(''),
    place: Place,
    kind: ServiceKind.default('service'),
    teamId: Id.nullable().default(null),
    rules: ServiceRules,
    schedule: z.array(WeeklyRule).max(60),
    order: z.number().int().min(0).max(9999).default(100),
  })
  .refine((b) => fairBallot(b.rules), ballotMessage)
  .refine((b) => witnessedBallot(b.rules), witnessedMessage);
export type ServiceCreateBody = z.infer<typeof ServiceCreateBody>;

export const ServiceUpdateBody = z
  .strictObject({
    name: Name.optional(),
    description: Description.optional(),
    place: Place.optional(),
    teamId: Id.nullable().optional(),
    rules: ServiceRules.partial().optional(),
    schedule: z.array(WeeklyRule).max(60).optional(),
    active: z.boolean().optional(),
    order: z.number().int().min(0).max(9999).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'send at least one field to change' });
export type ServiceUpdateBody = z.infer<typeof ServiceUpdateBody>;

export const ServiceIdPath = z.strictObject({ id: Id });
export const ServiceListQuery = PageQuery.extend({
  communityId: Id.optional(),
});
export type ServiceListQuery = z.infer<typeof ServiceListQuery>;
export { fairBallot, witnessedBallot };
