import { getSlot } from '../../functions/data/slots';
import { as } from '../helpers/api';
import { book, codeOf, DAY_MS, slotIn, testService } from '../helpers/booking';
import { useDemoTable } from '../helpers/table';

useDemoTable();

test('smoke', async () => {
  const svc = await testService();
  const slot = await slotIn(svc, 3 * DAY_MS);
  const res = await book('u-res-li', slot.id);
  console.log(res.status, JSON.stringify(res.body).slice(0, 500));
  expect(res.status).toBe(201);
  const again = await book('u-res-li', slot.id);
  expect(codeOf(again)).toBe('409 ALREADY_BOOKED');
  const cancel = await as('u-res-li').post(`/bookings/${res.body.id}/cancel`, {});
  console.log(cancel.status, JSON.stringify(cancel.body).slice(0, 300));
  console.log(await getSlot(slot.id));
  const list = await as('u-res-wang').get('/services');
  console.log(list.status, list.body.items?.map((s: any) => s.name));
  const slots = await as('u-res-wang').get('/services/svc-lunch/slots');
  console.log(slots.status, JSON.stringify(slots.body.items?.slice(0, 2)));
  const mine = await as('u-res-wang').get('/bookings?scope=mine');
  console.log(mine.status, JSON.stringify(mine.body).slice(0, 400));
});
