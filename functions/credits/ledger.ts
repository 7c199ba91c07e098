import { AppError, forbidden, notFound } from '../../shared/errors';
import { reversalOf } from '../../shared/domain/credits';
import { leadsTeam, managesTeam } from '../../shared/domain/teams';
import type { CreditEntry, CreditReversalBody, MyCredits, TeamCredits, TeamCreditsQuery } from '../../shared/schemas/credits';
import type { PageQuery } from '../../shared/schemas/common';
import type { User } from '../../shared/schemas/users';
import { balancesOf, creditsOfWish, ledgerOf, ledgerOfTeam, putReversal } from '../data/credits';
import { readPage } from '../data/pagination';
import { getTeam } from '../data/teams';

/** `GET /credits/me`: the caller's balance and entries, newest first. */
export async function myCredits(user: User, q: PageQuery): Promise<MyCredits> {
  const [page, balances] = await Promise.all([readPage([ledgerOf(user.id)], q.cursor, q.limit), balancesOf([user.id])]);
  const mine = balances.get(user.id)!;
  return { balance: mine.balance, entries: mine.entries, ...page };
}

/**
 * `GET /credits?teamId=`: the team's members with their balances and the entries earned on its wishes, for its lead,
 * its community's staff and the operator. A team outside the caller's reach: 404; one of its other members: 403.
 */
export async function teamCredits(user: User, q: TeamCreditsQuery): Promise<TeamCredits> {
  const team = await getTeam(q.teamId);
  if (!team) throw notFound('team');
  const may = user.roles.includes('admin') || managesTeam(user, team) || (user.roles.includes('volunteer') && leadsTeam(user, team));
  if (!may) throw team.members.some((m) => m.userId === user.id) ? forbidden('the team’s lead or its community’s staff') : notFound('team');
  const [page, balances] = await Promise.all([
    readPage([ledgerOfTeam(team.id)], q.cursor, q.limit),
    balancesOf(team.members.map((m) => m.userId)),
  ]);
  return {
    teamId: team.id,
    members: team.members.map((m) => ({ userId: m.userId, name: m.name, balance: balances.get(m.userId)?.balance ?? 0 })),
    ...page,
  };
}

/**
 * `POST /credits/reversals` (the operator): a task's credit undone by a new entry with its points negated, the
 * original left as it was. A wish that earned nothing: 404; one reversed already: 409.
 */
export async function reverseCredit(user: User, body: CreditReversalBody, now: Date): Promise<CreditEntry> {
  const task = (await creditsOfWish(body.wishId)).find((e) => e.kind === 'task');
  if (!task) throw notFound('credit entry');
  const reversal = reversalOf(task, { userId: user.id, name: user.name }, body.reason, now.toISOString());
  if (!(await putReversal(reversal))) throw new AppError('INVALID_TRANSITION', 'this credit has been reversed already');
  return reversal;
}
