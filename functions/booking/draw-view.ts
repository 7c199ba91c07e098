import { notFound } from '../../shared/errors';
import { notVerified } from '../../shared/domain/membership';
import { drawDeadlines, HOW_TO_CHECK, HOW_TO_CHECK_V2, parseList, weightClassesOf } from '../../shared/domain/booking/ballot';
import { maskName } from '../../shared/domain/wish-view';
import type { DrawView, DrawWitness } from '../../shared/schemas/draws';
import type { Slot } from '../../shared/schemas/slots';
import type { User } from '../../shared/schemas/users';
import { getBooking } from '../data/booking/bookings';
import { drawInputs, getDraw } from '../data/booking/draws';
import { getSlot } from '../data/booking/slots';
import { getUser } from '../data/users';
import { memberCommunities } from '../auth/scope';
import { visibleService } from './services';

/** How a witness is named on the draw page and the noticeboard: the role and a masked name. */
export const witnessRole = (user: Pick<User, 'roles'> | null): DrawWitness['role'] =>
  user?.roles.some((r) => r === 'staff' || r === 'gridWorker' || r === 'streetStaff') ? 'staff' : 'resident';

/**
 * A ballot slot still taking applications, as its draw page shows it: what will happen, who the witnesses are
 * and whether each has committed (only that and when: the commitment itself is published with the list).
 */
async function openView(slot: Slot): Promise<Omit<DrawView, 'myTickets' | 'howToCheck' | 'weightClasses'>> {
  const rules = slot.rules.draw!;
  const closedAt = slot.times.ballotClosesAt!;
  const [people, inputs] = await Promise.all([Promise.all(rules.witnesses.map((id) => getUser(id))), drawInputs(slot.id)]);
  return {
    id: slot.id,
    slotId: slot.id,
    serviceId: slot.serviceId,
    serviceName: slot.serviceName,
    start: slot.start,
    seats: slot.seats,
    closedAt,
    status: 'open',
    seedRule: 'v2',
    drawnAt: null,
    list: '',
    listHash: '',
    seed: null,
    seedInput: null,
    path: null,
    ...drawDeadlines(closedAt, rules),
    remindedAt: null,
    redrawNumber: null,
    witnesses: rules.witnesses.map((userId, i) => ({
      userId,
      name: maskName(people[i]?.name ?? userId),
      role: witnessRole(people[i]),
      commitment: null,
      committedAt: inputs.witnesses.get(userId)?.committedAt ?? null,
      secret: null,
      revealedAt: null,
      silent: false,
    })),
    publicSource: rules.publicSource,
    publicNumber: null,
    entries: [],
    applicants: [],
    ifWitnessSilent: rules.ifWitnessSilent,
  };
}

/**
 * A ballot's draw page, with the viewer's own ticket to look for, and how anyone checks it: for the community's
 * members (its ranks name neighbours, masked); a resident whose home is not verified yet could not apply either.
 * Before the close a witnessed ballot answers with what will happen and who its witnesses are.
 */
export async function drawOf(user: User, serviceId: string, drawId: string): Promise<DrawView> {
  const service = await visibleService(user, serviceId);
  if (!(await memberCommunities(user)).includes(service.communityId)) throw notVerified();
  const [draw, slot] = await Promise.all([getDraw(drawId), getSlot(drawId)]);
  const weightClasses = weightClassesOf(slot?.rules.draw?.weights);
  if (!draw) {
    if (slot?.serviceId !== serviceId || slot.rules.allocation !== 'ballot' || !slot.rules.draw) throw notFound('draw');
    const own = await getBooking(slot.id, user.id);
    return { ...(await openView(slot)), myTickets: own?.ticket ? [own.ticket] : [], howToCheck: HOW_TO_CHECK_V2, weightClasses };
  }
  if (draw.serviceId !== serviceId) throw notFound('draw');
  const [own, live] = await Promise.all([getBooking(draw.slotId, user.id), draw.status === 'committed' ? drawInputs(draw.slotId) : null]);
  const { residents: _residents, names, ...published } = draw;
  // Before the draw is made: each commitment, and whether (when) each witness revealed, never the secret
  // itself, so no one (not the last witness either) learns the others' secrets from the app before the end.
  const witnesses = draw.witnesses.map((w) => {
    const i = live?.witnesses.get(w.userId);
    const shown = { ...w, name: maskName(w.name) };
    return live
      ? {
          ...shown,
          commitment: i?.commitment ?? null,
          committedAt: i?.committedAt ?? null,
          revealedAt: i?.revealedAt ?? null,
          secret: null,
        }
      : shown;
  });
  const byTicket = new Map(draw.entries.map((e) => [e.ticket, e.name]));
  const applicants = (parseList(draw.list)?.entries ?? []).map((e) => ({ ...e, name: names?.[e.ticket] ?? byTicket.get(e.ticket) ?? '' }));
  return {
    ...published,
    witnesses,
    ...(live ? { publicNumber: live.publicNumber, redrawNumber: live.redrawNumber } : {}),
    applicants,
    ifWitnessSilent: slot?.rules.draw?.ifWitnessSilent ?? null,
    myTickets: own?.ticket ? [own.ticket] : [],
    howToCheck: draw.seedRule === 'v2' ? HOW_TO_CHECK_V2 : HOW_TO_CHECK,
    weightClasses,
  };
}
