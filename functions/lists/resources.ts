import { addDays, beijingDate, datesBetween, weekdayOf } from '../../shared/domain/beijing-time';
import { isWorkingDay, type Calendar } from '../../shared/domain/working-time';
import type { ListsQuery, ResourcesList } from '../../shared/schemas/lists';
import type { FreeHours, Team } from '../../shared/schemas/teams';
import type { User } from '../../shared/schemas/users';
import { allServicesOf } from '../data/booking/services';
import { slotsOfService } from '../data/booking/slots';
import { loadsOf } from '../data/loads';
import { readAll } from '../data/pagination';
import { acceptedInto } from '../data/partnerships';
import { clockContext } from '../data/settings';
import { allTeamsOfCommunity, getTeam } from '../data/teams';
import { listWhere } from './where';

const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** Hours a member is usually free over some dates: their working-day spans on working days, rest-day spans on the others. */
export function freeHoursOver(hours: FreeHours, dates: readonly string[], calendar: Calendar): number {
  const sum = (spans: FreeHours['workday']) => spans.reduce((m, s) => m + minutes(s.to) - minutes(s.from), 0);
  const total = dates.reduce((m, d) => m + sum(isWorkingDay(d, calendar) ? hours.workday : hours.restday), 0);
  return Math.round((total / 60) * 10) / 10;
}

/**
 * 资源清单: who and what can help this week — the teams serving the scope (the communities' own, and partner teams
 * lent to them by an accepted agreement: 融合网格), their members, skills, free hours this week and load; and the
 * communities' bookable services with this week's open slots, seats and bookings.
 */
export async function readResources(user: User, q: ListsQuery, now: Date): Promise<ResourcesList> {
  const where = await listWhere(user, q.scope, q.id);
  const today = beijingDate(now.getTime());
  const monday = addDays(today, 1 - weekdayOf(today));
  const dates = datesBetween(monday, addDays(monday, 6));
  const communityIds = where.communities.map((c) => c.id);
  const gridIds = new Set(where.grids.map((g) => g.id));
  const serves = (teamGrids: readonly string[]) => !teamGrids.length || teamGrids.some((g) => gridIds.has(g));

  const [own, agreements, services, ctx] = await Promise.all([
    Promise.all(communityIds.map(allTeamsOfCommunity)).then((t) => t.flat()),
    Promise.all(communityIds.map(acceptedInto)).then((p) => p.flat()),
    Promise.all(communityIds.map(allServicesOf)).then((s) => s.flat()),
    clockContext(now, where.streetId),
  ]);
  const lent = agreements.filter((p) => serves(p.gridIds) && !own.some((t) => t.id === p.teamId));
  const partners = (await Promise.all([...new Set(lent.map((p) => p.teamId))].map(getTeam))).filter((t): t is Team => t !== null);
  const teams = [
    ...own.filter((t) => serves(t.gridIds)).map((t) => ({ t, partner: false })),
    ...partners.map((t) => ({ t, partner: true })),
  ];
  const loads = await loadsOf(teams.map(({ t }) => t.id));

  const slots = services.length
    ? await readAll(
        slotsOfService(
          services.map((s) => s.id),
          dates,
        ),
        5_000,
      )
    : [];
  return {
    scope: where.scope,
    id: where.id,
    name: where.name,
    week: { from: dates[0], to: dates[6] },
    teams: teams.map(({ t, partner }) => {
      const people = t.members.map((m) => ({
        name: m.name,
        role: m.role,
        skills: m.skills,
        freeHours: m.paused ? 0 : freeHoursOver(m.hours, dates, ctx.calendar),
        paused: m.paused,
      }));
      return {
        id: t.id,
        name: t.name,
        kind: t.kind,
        communityId: t.communityId,
        partner,
        skills: t.skills,
        members: t.members.length,
        available: t.members.filter((m) => !m.paused).length,
        freeHours: Math.round(people.reduce((h, p) => h + p.freeHours, 0) * 10) / 10,
        load: loads.get(t.id)?.active ?? 0,
        cap: t.teamCap,
        people,
      };
    }),
    services: services.map((s) => {
      const open = slots.filter((x) => x.serviceId === s.id && x.status === 'open');
      const seats = open.reduce((n, x) => n + x.seats, 0);
      const booked = open.reduce((n, x) => n + x.booked, 0);
      return {
        id: s.id,
        name: s.name,
        communityId: s.communityId,
        place: s.place,
        teamName: s.teamName,
        slots: open.length,
        seats,
        booked,
        free: Math.max(0, seats - booked),
      };
    }),
  };
}
