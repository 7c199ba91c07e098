import type { User } from '../schemas/users';

/** A session begun at or before the user's last sign-out (or a staff member ending it) no longer counts. */
export const sessionEnded = (user: Pick<User, 'tokensValidAfter'>, issuedAtMs: number): boolean =>
  user.tokensValidAfter !== null && issuedAtMs <= user.tokensValidAfter;
