import { NO_SHOW_POLICY, type NoShowRecord } from '../../shared/domain/booking/noshow';
import { DAY_MS, iso } from '../../shared/domain/beijing-time';
import { noShowsOf } from '../data/booking/quotas';

/** The no-shows that can still matter now: within 90 days of a restriction of 30 that may still run. */
export const noShowHistory = (residentId: string, nowMs: number): Promise<NoShowRecord[]> =>
  noShowsOf(residentId, iso(nowMs - (NO_SHOW_POLICY.withinDays + NO_SHOW_POLICY.restrictDays) * DAY_MS));
