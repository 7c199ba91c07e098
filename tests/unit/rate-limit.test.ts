import { fixedWindow, slidingWindow } from '../../shared/domain/rate-limit';

const HOUR = 3_600_000;
const T = Date.parse('2026-11-22T20:00:00.000Z');

describe('a sliding log: at most N in any window', () => {
  test.each([
    ['the first hit', [], true, 0],
    ['the 5th hit in an hour', [T - 40 * 60_000, T - 30 * 60_000, T - 20 * 60_000, T - 60_000], true, 0],
    [
      'the 6th hit in an hour, refused until the oldest is an hour old',
      [T - 40 * 60_000, T - 30 * 60_000, T - 20 * 60_000, T - 10 * 60_000, T - 60_000],
      false,
      20 * 60,
    ],
    ['hits older than the window are forgotten', [T - 2 * HOUR, T - HOUR - 1, T - HOUR, T - 59 * 60_000], true, 0],
    ['a hit stamped a moment later by a concurrent request still counts', [T + 5, T + 6, T + 7, T + 8, T + 9], false, 3601],
  ])('%s', (_name, hits, allowed, retryAfter) => {
    const decision = slidingWindow(hits, T, 5, HOUR);
    expect(decision.allowed).toBe(allowed);
    expect(decision.retryAfterSeconds).toBe(retryAfter);
    if (allowed) expect(decision.hits).toContain(T);
    expect(decision.hits.length).toBeLessThanOrEqual(5);
  });

  test('the stored log never grows past the limit, however many hits are offered', () => {
    let hits: number[] = [];
    let allowed = 0;
    for (let i = 0; i < 50; i++) {
      const d = slidingWindow(hits, T + i * 1000, 5, HOUR);
      if (d.allowed) allowed++;
      hits = d.hits;
    }
    expect(allowed).toBe(5);
    expect(hits).toHaveLength(5);
  });
});

describe('a fixed window', () => {
  test.each([
    [T, T, 60],
    [T + 59_001, T, 1],
    [T + 60_000, T + 60_000, 60],
  ])('at %i the window starts at %i and ends in %i s', (now, start, retryAfter) => {
    expect(fixedWindow(now, 60_000)).toEqual({ start, retryAfterSeconds: retryAfter });
  });
});
