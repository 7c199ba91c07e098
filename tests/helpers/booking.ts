import { randomUUID } from 'node:crypto';
import { newSlot } from '../../shared/domain/booking/schedule';
import { HOUR_MS } from '../../shared/domain/beijing-time';
import type { Service, ServiceRules } from '../../shared/schemas/services';
import type { Slot } from '../../shared/schemas/slots';
import { putService } from '../../functions/data/booking/services';
import { getSlot, openSlot } from '../../functions/data/booking/slots';
import { DEMO_SERVICES } from '../../scripts/demo-booking';
import { as } from './api';

export { HOUR_MS };
export const DAY_MS = 24 * HOUR_MS;

/**
 * A service of 古城社区 of its own for one test, with the haircut's rules unless said, and no weekly
 * schedule: the test opens exactly the slots it needs, at moments relative to now.
 */
export async function testService(rules: Partial<ServiceRules> = {}, extra: Partial<Service> = {}): Promise<Service> {
  const base = DEMO_SERVICES.find((s) => s.id === 'svc-haircut')!;
  const service: Service = { ...base, id: `svc-t${randomUUID().slice(0, 8)}`, schedule: [], ...extra, rules: { ...base.rules, ...rules } };
  await putService(service, Date.now());
  return service;
}

/** Opens one slot of the service starting `fromNowMs` from now (with `seats`, or the service's). */
export async function slotIn(service: Service, fromNowMs: number, seats = service.rules.seatsPerSlot): Promise<Slot> {
  // Whole minutes, as a schedule gives them: a slot id names its minute.
  const start = Math.ceil((Date.now() + fromNowMs) / 60_000) * 60_000;
  const slot = newSlot(service, start, seats, new Date().toISOString());
  await openSlot(slot);
  return (await getSlot(slot.id))!;
}

/** A slot of the service starting in a few minutes (check-in is open), and whether its Beijing date is tomorrow's. */
export async function startingSoon(service: Service): Promise<{ slot: Slot; tomorrow: boolean }> {
  const slot = await slotIn(service, 5 * 60_000);
  const day = (ms: number) => new Date(ms + 8 * HOUR_MS).toISOString().slice(0, 10);
  return { slot, tomorrow: day(Date.parse(slot.start)) !== day(Date.now()) };
}

let keys = 0;
/** POST /bookings as `userId`, with a fresh Idempotency-Key unless one is given. */
export const book = (
  userId: string,
  slotId: string,
  extra: Record<string, unknown> = {},
  key = `test-key-${++keys}-${randomUUID().slice(0, 8)}`,
) => as(userId).post('/bookings', { slotId, ...extra }, { headers: { 'Idempotency-Key': key } });

export const codeOf = (res: { status: number; body: any }) => `${res.status} ${res.body?.error?.code ?? ''}`.trim();
