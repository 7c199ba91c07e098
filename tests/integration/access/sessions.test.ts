import { getUser } from '../../../functions/data/users';
import { request } from '../../helpers/api';
import { useDemoTable } from '../../helpers/table';

useDemoTable();

/** A fresh session of a demo user: a phone of their own, not the shared token of the other tests. */
async function phone(userId: string): Promise<string> {
  const res = await request('POST', '/auth/dev-login', { body: { userId } });
  expect(res.status).toBe(200);
  return res.body.token as string;
}
const me = (token: string) => request('GET', '/me', { token });

describe('sessions end when asked', () => {
  test('signing out on one phone ends every session of the user at once; a new sign-in works', async () => {
    const [first, second] = [await phone('u-res-zhao'), await phone('u-res-zhao')];
    expect((await me(second)).status).toBe(200);

    const out = await request('POST', '/auth/sign-out', { token: first, body: {} });
    expect(out.status).toBe(200);
    expect(Date.parse(out.body.signedOutAt)).not.toBeNaN();

    for (const old of [first, second]) {
      const res = await me(old);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
    // Within the same second as the sign-out, too: sessions are told apart to the millisecond.
    const again = await phone('u-res-zhao');
    expect((await me(again)).status).toBe(200);
    expect((await getUser('u-res-zhao'))!.tokensValidAfter).toBe(Date.parse(out.body.signedOutAt));
  });

  test('staff end the sessions of a volunteer of their community; the volunteer is signed out everywhere', async () => {
    const volunteer = await phone('u-vol-chen');
    const res = await request('POST', '/users/u-vol-chen/sign-out', { token: await phone('u-staff-guo'), body: {} });
    expect(res.status).toBe(200);
    expect((await me(volunteer)).status).toBe(401);
  });

  test('staff of another community get exactly the answer for a missing person; a resident is refused by role', async () => {
    const stranger = await phone('u-staff-ptn');
    const theirs = await request('POST', '/users/u-vol-he/sign-out', { token: stranger, body: {} });
    const missing = await request('POST', '/users/u-nobody/sign-out', { token: stranger, body: {} });
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(missing.body);
    const resident = await request('POST', '/users/u-vol-he/sign-out', { token: await phone('u-res-li'), body: {} });
    expect(resident.status).toBe(403);
    expect((await getUser('u-vol-he'))!.tokensValidAfter).toBeNull();
  });

  test('the operator may end anyone’s sessions', async () => {
    const volunteer = await phone('u-vol-qian');
    expect((await request('POST', '/users/u-vol-qian/sign-out', { token: await phone('u-admin'), body: {} })).status).toBe(200);
    expect((await me(volunteer)).status).toBe(401);
  });

  test('an ended session never spends its owner’s write limit: the person signs in again and writes at once', async () => {
    const before = process.env.LIMIT_WRITES_PER_MINUTE;
    process.env.LIMIT_WRITES_PER_MINUTE = '5';
    try {
      const lost = await phone('u-res-wang');
      expect((await request('POST', '/users/u-res-wang/sign-out', { token: await phone('u-staff-guo'), body: {} })).status).toBe(200);
      for (let i = 0; i < 8; i++) expect((await request('POST', '/notifications/read-all', { token: lost, body: {} })).status).toBe(401);
      const again = await phone('u-res-wang');
      expect((await request('POST', '/notifications/read-all', { token: again, body: {} })).status).toBe(200);
    } finally {
      process.env.LIMIT_WRITES_PER_MINUTE = before;
    }
  });
});
