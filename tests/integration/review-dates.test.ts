import { ERROR_CODES } from '../../shared/errors';
import { as } from '../helpers/api';
import { buildFixtures, type Fixtures } from '../helpers/route-access-fixtures';
import { useDemoTable } from '../helpers/table';

/**
 * Review of issues 14–16: a date that has the shape YYYY-MM-DD but is no day of the calendar (a 13th month, a
 * 45th day, 0000-00-00) is refused as bad input by name (400 VALIDATION_FAILED), never a 500 — through the real
 * middy stack, for a resident browsing a service's slots and for staff giving a council task its due date.
 */
useDemoTable();

const NOT_DAYS = ['2026-13-45', '0000-00-00', '2027-02-29', '9999-99-99'];

function expectRefusedByName(res: { status: number; text: string; body: any }, path: string) {
  expect(res.status).toBe(400);
  expect(ERROR_CODES).toContain(res.body.error.code);
  expect(res.body.error.code).toBe('VALIDATION_FAILED');
  expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
}

let fixtures: Fixtures;
beforeAll(async () => {
  fixtures = await buildFixtures();
}, 120_000);

describe('a date that is no day of the calendar', () => {
  test.each(NOT_DAYS)('GET /services/{id}/slots?from=%s is refused by name', async (day) => {
    for (const who of ['u-res-li', 'u-staff-guo']) {
      expectRefusedByName(await as(who).get(`/services/svc-haircut/slots?from=${day}`), 'query.from');
      expectRefusedByName(await as(who).get(`/services/svc-haircut/slots?to=${day}`), 'query.to');
    }
  });

  test('a real day still lists the slots', async () => {
    const res = await as('u-res-li').get('/services/svc-haircut/slots?from=2028-02-29&to=2028-03-01');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  test.each(NOT_DAYS)('a council staff task due %s is refused by name, and no task is added', async (day) => {
    const topicId = await fixtures.council.topic('applying', false);
    const res = await as('u-staff-guo').post(`/council/topics/${topicId}/tasks`, {
      kind: 'staff',
      title: '张贴告示',
      ownerId: 'u-grid-sun',
      dueDate: day,
    });
    expectRefusedByName(res, 'body.dueDate');
    const detail = await as('u-staff-guo').get(`/council/topics/${topicId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.tasks).toEqual([]);
  });
});
