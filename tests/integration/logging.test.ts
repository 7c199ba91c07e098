import { request, tokenOf } from '../helpers/api';
import { captureLogs } from '../helpers/logs';
import { useDemoTable } from '../helpers/table';
import { LAMP } from '../helpers/wishes';

useDemoTable();
const logs = captureLogs();

const PEOPLE = ['u-res-li', 'u-res-wang', 'u-vol-zhang', 'u-grid-sun', 'u-staff-guo', 'u-admin'];

describe('one structured line per request', () => {
  test('concurrent requests each log their own request id, route, user, status and latency', async () => {
    const tokens = await Promise.all(PEOPLE.map(tokenOf));
    const calls = Array.from({ length: 36 }, (_, i) => ({ userId: PEOPLE[i % PEOPLE.length], token: tokens[i % PEOPLE.length] }));
    const results = await Promise.all(calls.map((c) => request('GET', '/me', { token: c.token })));
    expect(results.map((r) => r.status)).toEqual(Array(36).fill(200));
    const lines = logs.lines().filter((l) => l.message === 'request' && l.route === 'GET /me');
    results.forEach((res, i) => {
      const line = lines.find((l) => l.requestId === res.requestId);
      expect(line).toMatchObject({
        level: 'INFO',
        service: 'linli',
        userId: calls[i].userId,
        status: 200,
        function_request_id: res.requestId,
      });
      expect(typeof line?.latencyMs).toBe('number');
      expect(typeof line?.cold_start).toBe('boolean');
    });
  });

  test('a log line never holds a token, a phone number or a body', async () => {
    const token = await tokenOf('u-res-li');
    const secretWords = '卫生间漏水已经三天了请尽快来看看';
    const res = await request('POST', '/wishes', { token, body: { ...LAMP, description: secretWords } });
    expect(res.status).toBe(201);
    await request('POST', '/wishes', { token, body: { ...LAMP, nonsense: secretWords } }); // a 400 is logged too
    const text = logs.text();
    expect(text).toContain(res.requestId);
    expect(text).not.toContain(token);
    expect(text).not.toContain(secretWords);
    expect(text).not.toContain('13800000002'); // 李建国's phone, which the wish carries
  });
});
