import { jwtVerify, SignJWT } from 'jose';
import { jwtSecret, stage } from '../config';

const ISSUER = 'linli';
const LIFETIME_SECONDS = 7 * 24 * 60 * 60;
const audience = () => `linli-${stage()}`;

/** Our own session token: the user id and when it began; roles are read fresh from the table on every request. */
export async function issueToken(userId: string, now = new Date()): Promise<{ token: string; expiresAt: string }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + LIFETIME_SECONDS;
  // JWT's iat has whole seconds; a sign-out and a new sign-in within one second must still tell the two apart.
  const token = await new SignJWT({ iatMs: now.getTime() })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(audience())
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(jwtSecret());
  return { token, expiresAt: new Date(expiresAt * 1000).toISOString() };
}

export interface TokenClaims {
  userId: string;
  /** When the session began (epoch ms): sessions begun before the user's `tokensValidAfter` are ended. */
  issuedAtMs: number;
}

/** The user in a valid token of this stage, or null for anything else (expired, forged, another stage). */
export async function verifyToken(token: string): Promise<TokenClaims | null> {
  // Outside the try: a missing secret is the server's fault (a 500), not the user's session (a 401 would
  // send every client into a sign-in loop).
  const secret = jwtSecret();
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, audience: audience(), algorithms: ['HS256'] });
    if (!payload.sub) return null;
    const issuedAtMs = typeof payload.iatMs === 'number' ? payload.iatMs : (payload.iat ?? 0) * 1000;
    return { userId: payload.sub, issuedAtMs };
  } catch {
    return null;
  }
}
