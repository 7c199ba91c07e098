import { deliver, readInbox } from '../../functions/data/notifications';
import { forgetAccessToken } from '../../functions/auth/wechat';
import { startFakeWechat, type FakeWechat } from '../../scripts/fake-wechat';
import { Notification, NotificationPage } from '../../shared/schemas/notifications';
import { as, request } from '../helpers/api';
import { useDemoTable } from '../helpers/table';
import { tickAt } from '../helpers/tick';

useDemoTable();

const T0 = new Date('2026-11-23T12:00:00.000Z');
const note = (userId: string, title: string, push?: 'action_needed') => ({
  userId,
  kind: 'wish_done' as const,
  title,
  body: `${title}:请确认`,
  link: '/pages/wish/index?id=w-1',
  ...(push ? { push } : {}),
});

describe('the in-app inbox', () => {
  test('newest first, an unread badge, read once, read all; nobody reads another user’s', async () => {
    for (const [i, title] of ['第一条', '第二条', '第三条'].entries())
      await deliver([note('u-res-zhao', title)], new Date(T0.getTime() + i * 1000).toISOString());
    const page = NotificationPage.parse((await as('u-res-zhao').get('/notifications')).body);
    expect(page.items.map((n) => n.title)).toEqual(['第三条', '第二条', '第一条']);
    expect((await as('u-res-zhao').get('/notifications/unread-count')).body).toEqual({ unread: 3 });

    const id = encodeURIComponent(page.items[1].id);
    const read = await as('u-res-zhao').post(`/notifications/${id}/read`);
    expect(Notification.parse(read.body).readAt).not.toBeNull();
    expect((await as('u-res-zhao').post(`/notifications/${id}/read`)).status).toBe(200);
    expect((await as('u-res-zhao').get('/notifications/unread-count')).body).toEqual({ unread: 2 });
    expect((await as('u-res-zhao').get('/notifications?unread=true')).body.items.map((n: Notification) => n.title)).toEqual([
      '第三条',
      '第一条',
    ]);

    expect((await as('u-res-wang').post(`/notifications/${id}/read`)).status).toBe(404);
    expect((await as('u-res-zhao').post('/notifications/read-all')).body).toEqual({ unread: 0 });
    expect((await readInbox('u-res-zhao', false)).items.every((n) => n.readAt !== null)).toBe(true);
    expect((await readInbox('u-res-zhao', true)).items).toEqual([]);
  });

  test('100 notifications delivered at once to one user are all counted', async () => {
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => deliver([note('u-res-ptn', `消息${i}`)], new Date(T0.getTime() + i).toISOString())),
    );
    expect((await as('u-res-ptn').get('/notifications/unread-count')).body).toEqual({ unread: 100 });
  });

  test('one event telling one user two things delivers both and counts both', async () => {
    const before = (await as('u-res-wang').get('/notifications/unread-count')).body.unread;
    await deliver([note('u-res-wang', '认领已自动释放'), note('u-res-wang', '新任务'), note('u-res-zhao', '另一人')], T0.toISOString());
    expect((await readInbox('u-res-wang', true)).items.map((n) => n.title)).toEqual(expect.arrayContaining(['新任务', '认领已自动释放']));
    expect((await as('u-res-wang').get('/notifications/unread-count')).body).toEqual({ unread: before + 2 });
  });
});

describe('WeChat subscribe messages, sent by tick', () => {
  let wechat: FakeWechat;
  let seq = 0;
  beforeAll(async () => {
    wechat = await startFakeWechat({ appId: 'wx-push', secret: 'push-secret' });
    Object.assign(process.env, {
      WECHAT_APP_ID: 'wx-push',
      WECHAT_APP_SECRET: 'push-secret',
      WECHAT_API_BASE: wechat.baseUrl,
      WECHAT_SUBSCRIBE_MODE: 'send',
      WECHAT_TEMPLATE_ACTION_NEEDED: 'TPL-ACTION-123',
    });
    forgetAccessToken();
  });
  afterAll(async () => {
    delete process.env.WECHAT_SUBSCRIBE_MODE;
    await wechat.close();
  });

  async function wechatUser(): Promise<{ id: string; token: string; openid: string }> {
    const openid = `openid-push-${++seq}`;
    wechat.issue(`code-push-${seq}`, openid);
    const res = await request('POST', '/auth/wechat', { body: { code: `code-push-${seq}` } });
    return { id: res.body.user.id, token: res.body.token, openid };
  }
  const pushOf = async (userId: string) => (await readInbox(userId, false)).items.map((n) => n.push?.state);

  test('a user who allowed the template gets one message; a second run sends nothing more', async () => {
    const user = await wechatUser();
    const allowed = await request('POST', '/me/subscriptions', { token: user.token, body: { accepted: ['action_needed'] } });
    expect(allowed.body.allowances.action_needed).toBe(1);
    await deliver([note(user.id, '张师傅已完成', 'action_needed')], T0.toISOString());
    const before = wechat.messages.length;
    const first = await tickAt(T0);
    expect(first.byKind.push).toBeGreaterThanOrEqual(1);
    const sent = wechat.messages.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      touser: user.openid,
      template_id: 'TPL-ACTION-123',
      page: 'pages/wish/index?id=w-1',
      data: { thing1: { value: '张师傅已完成' } },
    });
    expect(await pushOf(user.id)).toEqual(['sent']);
    await tickAt(T0);
    expect(wechat.messages.length).toBe(before + 1);
  });

  test('without an allowance, or without a WeChat account, nothing is sent and the inbox says why', async () => {
    const user = await wechatUser();
    await deliver([note(user.id, '未订阅', 'action_needed'), note('u-res-li', '演示账号', 'action_needed')], T0.toISOString());
    const before = wechat.messages.length;
    await tickAt(T0);
    expect(wechat.messages.length).toBe(before);
    const [mine] = (await readInbox(user.id, false)).items;
    expect(mine.push).toMatchObject({ state: 'skipped', reason: 'the user has not allowed this message' });
    const demo = (await readInbox('u-res-li', false)).items.find((n) => n.title === '演示账号');
    expect(demo?.push).toMatchObject({ state: 'skipped', reason: 'the user has no WeChat account' });
  });

  test('never more than one a minute per user: the second waits for the next minute', async () => {
    const user = await wechatUser();
    await request('POST', '/me/subscriptions', { token: user.token, body: { accepted: ['action_needed', 'action_needed'] } });
    await request('POST', '/me/subscriptions', { token: user.token, body: { accepted: ['action_needed'] } });
    await deliver([note(user.id, '第一件', 'action_needed')], T0.toISOString());
    await deliver([note(user.id, '第二件', 'action_needed')], new Date(T0.getTime() + 1000).toISOString());
    const before = wechat.messages.length;
    const run = await tickAt(new Date(T0.getTime() + 2000));
    expect(run.postponed).toBe(1);
    expect(wechat.messages.length).toBe(before + 1);
    await tickAt(new Date(T0.getTime() + 30_000));
    expect(wechat.messages.length).toBe(before + 1);
    await tickAt(new Date(T0.getTime() + 62_000));
    expect(wechat.messages.length).toBe(before + 2);
    expect((await pushOf(user.id)).sort()).toEqual(['sent', 'sent']);
  });

  test('in the local stage the message is recorded in the inbox, not sent', async () => {
    process.env.WECHAT_SUBSCRIBE_MODE = 'record';
    try {
      const user = await wechatUser();
      await deliver([note(user.id, '本地', 'action_needed')], T0.toISOString());
      const before = wechat.messages.length;
      await tickAt(T0);
      expect(wechat.messages.length).toBe(before);
      expect(await pushOf(user.id)).toEqual(['recorded']);
    } finally {
      process.env.WECHAT_SUBSCRIBE_MODE = 'send';
    }
  });

  test('a scheduled event without a time is refused, not run for the wrong moment', async () => {
    await expect(tickAt('yesterday')).rejects.toThrow(/time/);
  });
});
