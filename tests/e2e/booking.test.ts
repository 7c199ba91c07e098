import type { Page } from 'playwright-core';
import { bookingsOfSlot, getBooking } from '../../functions/data/booking/bookings';
import { getService } from '../../functions/data/booking/services';
import { getSlot } from '../../functions/data/booking/slots';
import { openTab, screenshot, signIn, tapButton } from '../helpers/browser';
import { book, DAY_MS, slotIn, testService } from '../helpers/booking';
import { addResidents } from '../helpers/people';
import { useBrowserStack } from '../helpers/browser-stack';
import { useDemoTable } from '../helpers/table';

useDemoTable();

/**
 * Issue 8 in the browser: a resident books with one tap and cancels; two residents race for the last seat;
 * a grid worker books 老年助餐 for 王秀英 with her consent; staff change a service and close a slot. Each test
 * opens a service of its own.
 */
describe('booking in the browser', () => {
  const stack = useBrowserStack();
  const context = stack.context;

  /** From the home page to a service's slots, as a resident gets there. */
  const openService = async (page: Page, serviceId: string) => {
    await tapButton(page, '预约社区服务');
    await page.locator(`.service-card[data-service-id="${serviceId}"]:visible .open-service`).click();
    await page.locator('.slot-card:visible').first().waitFor();
  };

  test('a resident books a haircut with one tap, finds it under 我的预约, and cancels it; the seat is free again', async () => {
    const service = await testService({ seatsPerSlot: 3, reservedPercent: 0 }, { name: '周末理发' });
    const slot = await slotIn(service, 3 * DAY_MS);
    const [resident] = await addResidents(1, 'e-booker');

    const page = await signIn(await context(), stack.web, resident);
    await openService(page, service.id);
    const card = page.locator(`.slot-card[data-slot-id="${slot.id}"]:visible`);
    await card.locator('.seats').filter({ hasText: '还剩3个名额' }).waitFor();
    await card.locator('.book').click();
    await card.locator('.booking-result.success').filter({ hasText: '预约成功' }).waitFor();
    await card.locator('.mine .tag').filter({ hasText: '已预约' }).waitFor();
    expect((await getBooking(slot.id, resident))?.status).toBe('booked');
    expect((await getSlot(slot.id))?.booked).toBe(1);

    // Back to the list of services, where 我的预约 is.
    await page.goBack();
    await tapButton(page, '我的预约');
    const booking = page.locator(`.booking-card[data-booking-id="${slot.id}.${resident}"]:visible`);
    await booking.locator('.booking-status').filter({ hasText: '已预约' }).waitFor();
    await booking.locator('.cancel-booking').click();
    // Giving a seat up is asked once more: it goes to the next person at once.
    await page.locator('.taro__modal .taro-model__confirm').filter({ hasText: '确定取消' }).click();
    await booking.locator('.booking-status').filter({ hasText: '已取消' }).waitFor();
    await screenshot(page, 'booking-cancelled');
    expect((await getBooking(slot.id, resident))?.status).toBe('cancelled');
    expect((await getSlot(slot.id))?.booked).toBe(0);
  });

  test('two residents tap 预约 on the last seat at the same moment: one gets it, the other is told it is full and offered the waiting list', async () => {
    const service = await testService({ seatsPerSlot: 1, reservedPercent: 0 }, { name: '家电检修' });
    const slot = await slotIn(service, 3 * DAY_MS);
    const residents = await addResidents(2, 'e-racer');
    const pages = await Promise.all(residents.map(async (id) => signIn(await context(), stack.web, id)));
    await Promise.all(pages.map((p) => openService(p, service.id)));
    const cards = pages.map((p) => p.locator(`.slot-card[data-slot-id="${slot.id}"]:visible`));
    await Promise.all(cards.map((c) => c.locator('.book').waitFor()));

    await Promise.all(cards.map((c) => c.locator('.book').click()));
    const results = await Promise.all(
      cards.map(async (c) => {
        const result = c.locator('.booking-result');
        await result.waitFor();
        return { ok: (await result.getAttribute('class'))!.includes('success'), text: await result.innerText() };
      }),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.findIndex((r) => !r.ok);
    expect(results[loser].text).toContain('约满');
    // The list is read again: the loser now sees the slot full, with the waiting list on offer.
    await cards[loser].locator('.waitlist').waitFor();
    await screenshot(pages[loser], 'booking-race-lost');

    const held = (await bookingsOfSlot(slot.id)).filter((b) => b.status === 'booked');
    expect(held.map((b) => b.residentId)).toEqual([residents[1 - loser]]);
    expect((await getSlot(slot.id))?.booked).toBe(1);

    await cards[loser].locator('.waitlist').click();
    await cards[loser].locator('.booking-result.success').filter({ hasText: '第1位' }).waitFor();
    expect((await getBooking(slot.id, residents[loser]))?.status).toBe('waiting');
  });

  test('a grid worker books 老年助餐 for 王秀英 from her row in the residents list, only once her consent is ticked', async () => {
    const service = await testService(
      { seatsPerSlot: 30, reservedPercent: 10, eligibility: { minAge: 60, gridIds: [] } },
      { name: '老年助餐·测试午餐' },
    );
    const slot = await slotIn(service, 2 * DAY_MS);

    const page = await signIn(await context(), stack.web, 'u-grid-sun');
    await tapButton(page, '待分派的心愿');
    await tapButton(page, '居民核实');
    await page.locator('.resident-row[data-resident-id="u-res-wang"]:visible .book-for').click();
    await page.locator('.assisted-for:visible').filter({ hasText: '王秀英' }).waitFor();
    await page.locator(`.service-card[data-service-id="${service.id}"]:visible .open-service`).click();
    const card = page.locator(`.slot-card[data-slot-id="${slot.id}"]:visible`);

    await card.locator('.book').click();
    await card.locator('.booking-result.error').filter({ hasText: '同意' }).waitFor();
    expect(await getBooking(slot.id, 'u-res-wang')).toBeNull();

    await page.locator('.consent:visible').click();
    await card.locator('.book').click();
    await card.locator('.booking-result.success').filter({ hasText: '预约成功' }).waitFor();
    await screenshot(page, 'booking-for-wang');
    const stored = await getBooking(slot.id, 'u-res-wang');
    expect(stored).toMatchObject({ status: 'booked', channel: 'grid_worker', bookedBy: { userId: 'u-grid-sun' } });
    expect(stored?.history[0].note).toContain('孙丽');
  });

  test('staff change the seats and weekly times of a service, then close one slot with a reason; the resident booked on it is released and told why', async () => {
    const service = await testService(
      { seatsPerSlot: 4, reservedPercent: 0 },
      { name: '周三理发', schedule: [{ weekday: 3, start: '09:00' }] },
    );
    const slot = await slotIn(service, 3 * DAY_MS);
    const [resident] = await addResidents(1, 'e-closed');
    expect((await book(resident, slot.id)).status).toBe(201);

    const page = await signIn(await context(), stack.web, 'u-staff-guo');
    await openTab(page, '我的');
    await tapButton(page, '服务管理');
    const card = page.locator(`.manage-service[data-service-id="${service.id}"]:visible`);
    await card.locator('.seats-input input').fill('6');
    await card.locator('.weekday').filter({ hasText: '周五' }).click();
    await card.locator('.start-input input').fill('14:30');
    await card.locator('.add-time').click();
    await card.locator('.schedule-row').filter({ hasText: '周五 14:30' }).waitFor();
    await card.locator('.save-service').click();
    await card.locator('.success').filter({ hasText: '已保存' }).waitFor();
    const stored = await getService(service.id);
    expect(stored?.rules.seatsPerSlot).toBe(6);
    expect(stored?.schedule).toEqual([
      { weekday: 3, start: '09:00' },
      { weekday: 5, start: '14:30' },
    ]);

    await card.locator('.service-slots').click();
    const slotCard = page.locator(`.slot-card[data-slot-id="${slot.id}"]:visible`);
    await slotCard.locator('.close-slot').click();
    const reason = '理发师傅生病,改到下周';
    await slotCard.locator('.close-reason textarea').fill(reason);
    await slotCard.locator('.confirm-close').click();
    await slotCard.locator('.slot-state').filter({ hasText: '已取消' }).waitFor();
    await screenshot(page, 'booking-slot-closed');
    expect((await getSlot(slot.id))?.status).toBe('closed');
    const released = await getBooking(slot.id, resident);
    expect(released?.status).toBe('cancelled');
    expect(released?.history.at(-1)?.note).toContain(reason);
  });
});
