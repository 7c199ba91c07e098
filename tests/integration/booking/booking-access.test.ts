import { as } from '../../helpers/api';
import { book, DAY_MS, slotIn, testService } from '../../helpers/booking';
import { useDemoTable } from '../../helpers/table';

useDemoTable();

/**
 * Who may call each booking route on a booking of 李建国 (grid 1 of 古城) for a slot of a service 红帽
 * provides. Those outside get 403 or 404 (a booking that is not theirs to know of does not exist);
 * those inside get past the door (the request itself may still be refused for what it asks).
 */
const PEOPLE = {
  resident: 'u-res-li',
  otherResident: 'u-res-zhao',
  otherCommunity: 'u-res-ptn',
  provider: 'u-vol-liu',
  otherVolunteer: 'u-vol-chen',
  gridWorker: 'u-grid-sun',
  otherGridWorker: 'u-grid-zhou',
  staff: 'u-staff-guo',
  otherStaff: 'u-staff-ptn',
  admin: 'u-admin',
} as const;
type Who = keyof typeof PEOPLE;
const ALL = Object.keys(PEOPLE) as Who[];

let slotId = '';
let serviceId = '';
let bookingId = '';
let ballotSlotId = '';

beforeAll(async () => {
  const svc = await testService({ reservedPercent: 0, closes: { hoursBefore: 0 } });
  serviceId = svc.id;
  const slot = await slotIn(svc, 30 * 60_000);
  slotId = slot.id;
  bookingId = (await book(PEOPLE.resident, slot.id)).body.id;
  await slotIn(svc, 2 * DAY_MS);
  const ballot = await testService({ allocation: 'ballot', reservedPercent: 0 });
  ballotSlotId = (await slotIn(ballot, 6 * DAY_MS)).id;
});

const ROUTES: [method: 'get' | 'post' | 'patch', url: () => string, body: unknown, allowed: Who[]][] = [
  ['get', () => '/services', undefined, ALL],
  ['get', () => `/bookings/${bookingId}`, undefined, ['resident', 'provider', 'gridWorker', 'staff']],
  ['get', () => `/slots/${slotId}/bookings`, undefined, ['provider', 'staff']],
  ['get', () => '/roster', undefined, ['provider', 'otherVolunteer', 'staff', 'otherStaff']],
  ['post', () => `/bookings/${bookingId}/check-in`, {}, ['provider', 'staff']],
  ['post', () => `/bookings/${bookingId}/excuse`, { reason: '临时住院' }, ['gridWorker', 'staff']],
  ['post', () => `/slots/${ballotSlotId}/draw`, {}, ['staff']],
  ['patch', () => `/services/${serviceId}`, { description: '请自带毛巾' }, ['staff']],
];

test.each(ROUTES.map((r) => [`${r[0].toUpperCase()} ${r[1]().replace(/\/\//g, '/{id}/').replace(/\/$/, '/{id}')}`, ...r] as const))(
  '%s',
  async (_name, method, url, body, allowed) => {
    const wrong: string[] = [];
    for (const who of ALL) {
      const res = method === 'get' ? await as(PEOPLE[who]).get(url()) : await as(PEOPLE[who])[method](url(), body);
      const refused = res.status === 403 || res.status === 404;
      if (refused === allowed.includes(who)) wrong.push(`${who}: ${res.status} ${res.body?.error?.code ?? ''}`);
    }
    expect(wrong).toEqual([]);
  },
);

test('cancelling: the resident, or their grid worker or staff with consent; nobody else', async () => {
  const svc = await testService({ reservedPercent: 0 });
  const slot = await slotIn(svc, 3 * DAY_MS);
  const id = (await book(PEOPLE.resident, slot.id)).body.id;
  for (const who of ['otherResident', 'otherCommunity', 'provider', 'otherGridWorker', 'otherStaff', 'admin'] as const) {
    expect([who, [403, 404].includes((await as(PEOPLE[who]).post(`/bookings/${id}/cancel`, {})).status)]).toEqual([who, true]);
  }
  expect((await as(PEOPLE.gridWorker).post(`/bookings/${id}/cancel`, {})).body.error.code).toBe('VALIDATION_FAILED');
  expect((await as(PEOPLE.gridWorker).post(`/bookings/${id}/cancel`, { consent: true })).body.status).toBe('cancelled');
});
