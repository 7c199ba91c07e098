import { getService } from '../../functions/data/booking/services';
import { forgetAccessToken } from '../../functions/auth/wechat';
import { getUser } from '../../functions/data/users';
import { startFakeWechat } from '../../scripts/fake-wechat';
import { as } from '../helpers/api';
import { testService } from '../helpers/booking';
import { addResidents } from '../helpers/people';
import { useDemoTable } from '../helpers/table';

useDemoTable();

const GRID = 'u-grid-sun';
const STAFF = 'u-staff-guo';
const statuses = (answers: { status: number }[]) => [...new Set(answers.map((a) => a.status))].sort();
const succeeded = <T extends { status: number }>(answers: T[]) => answers.filter((a) => a.status === 200);

/**
 * Writes guarded by a version lose races when many land on one item at once. Each loser reads again and
 * decides again (optimistic, functions/data/retry.ts); one that keeps losing is a 409, never a 500, and
 * the stored item counts exactly the writes that were answered 200.
 */
describe('a lost race is answered 409 or retried, never a 500', () => {
  test('20 profile updates of one resident at once (PATCH /me)', async () => {
    const [me] = await addResidents(1, 'race-me');
    const before = (await getUser(me))!;
    const phones = Array.from({ length: 20 }, (_, i) => `1390000${String(i).padStart(4, '0')}`);
    const answers = await Promise.all(phones.map((phone) => as(me).patch('/me', { phone })));
    expect(statuses(answers).every((s) => s === 200 || s === 409)).toBe(true);
    const stored = (await getUser(me))!;
    expect(stored.version).toBe(before.version + succeeded(answers).length);
    expect(succeeded(answers).map((a) => a.body.phone)).toContain(stored.phone);
    expect(stored.verified).toBe(false); // a typed phone number undoes the verification
  });

  test('10 verifications of one resident while they change their phone 10 times (POST /residents/{id}/verify)', async () => {
    const [resident] = await addResidents(1, 'race-verify', 'b-gc-1', false);
    const before = (await getUser(resident))!;
    // Numbers from WeChat's phone button, which keep a verification (a typed one would undo it, and the end would depend on the order).
    const wechat = await startFakeWechat({ appId: 'wx-races', secret: 'races-secret' });
    Object.assign(process.env, { WECHAT_APP_ID: 'wx-races', WECHAT_APP_SECRET: 'races-secret', WECHAT_API_BASE: wechat.baseUrl });
    forgetAccessToken();
    for (let i = 0; i < 10; i++) wechat.issuePhone(`race-phone-${i}`, `1370000${String(i).padStart(4, '0')}`);
    const [verifies, edits] = await Promise.all([
      Promise.all(Array.from({ length: 10 }, () => as(GRID).post(`/residents/${resident}/verify`, {}))),
      Promise.all(Array.from({ length: 10 }, (_, i) => as(resident).patch('/me', { phoneCode: `race-phone-${i}` }))),
    ]).finally(() => wechat.close());
    expect(statuses([...verifies, ...edits]).every((s) => s === 200 || s === 409)).toBe(true);
    expect(succeeded(verifies).every((a) => a.body.verified === true)).toBe(true);
    const stored = (await getUser(resident))!;
    // Verified once (a second verification writes nothing), and every phone change answered 200 is one version.
    expect(stored.verified).toBe(succeeded(verifies).length > 0);
    expect(stored.verifiedBy?.userId ?? null).toBe(stored.verified ? GRID : null);
    expect(stored.version).toBe(before.version + succeeded(edits).length + (stored.verified ? 1 : 0));
    expect(succeeded(edits).map((a) => a.body.phone)).toContain(stored.phone);
  });

  test('20 changes of one service at once (PATCH /services/{id})', async () => {
    const svc = await testService();
    const before = (await getService(svc.id))!;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => as(STAFF).patch(`/services/${svc.id}`, { name: `理发${i}号` })));
    expect(statuses(answers).every((s) => s === 200 || s === 409)).toBe(true);
    const stored = (await getService(svc.id))!;
    expect(stored.version).toBe(before.version + succeeded(answers).length);
    expect(succeeded(answers).map((a) => a.body.name)).toContain(stored.name);
  });
});
