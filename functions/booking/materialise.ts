import { materialise, nextMaterialiseAt } from '../../shared/domain/booking/schedule';
import type { Service } from '../../shared/schemas/services';
import { getService, serviceOwner } from '../data/booking/services';
import { openSlot } from '../data/booking/slots';
import { finishTimer, getTimer, moveTimer } from '../data/timers';
import type { TickOutcome } from '../tick/outcome';

/** Opens the slots a service's schedule gives up to the end of its booking window; those that exist stay as they are. */
export async function openSlotsOf(service: Service, nowMs: number): Promise<number> {
  const slots = materialise(service, nowMs);
  let opened = 0;
  for (let i = 0; i < slots.length; i += 8) {
    const results = await Promise.all(slots.slice(i, i + 8).map(openSlot));
    opened += results.filter(Boolean).length;
  }
  return opened;
}

/** Every day after midnight (Beijing): the window has moved a day, so the next day's slots open. */
export async function processServiceSlots(serviceId: string, now: Date): Promise<TickOutcome> {
  const owner = serviceOwner(serviceId);
  const timer = await getTimer(owner, 'service_slots');
  if (!timer || now.getTime() < Date.parse(timer.at)) return 'skipped';
  const service = await getService(serviceId);
  if (!service) {
    await finishTimer(owner, 'service_slots');
    return 'skipped';
  }
  await openSlotsOf(service, now.getTime());
  await moveTimer(owner, 'service_slots', serviceId, timer.at, nextMaterialiseAt(now.getTime()));
  return 'done';
}
