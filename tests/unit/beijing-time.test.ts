import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { atBeijing, beijingClock, beijingDate, beijingYear, whenText } from '../../shared/domain/beijing-time';

/**
 * Every time the app shows is Beijing time (UTC+8, no daylight saving), whatever the phone's zone. The
 * client's formatters run here in child processes with the zone forced, since jest's own process keeps the
 * zone it started with: UTC (a phone set to it shows Beijing times 8 hours early if it uses its clock),
 * New York (a zone with daylight saving) and Shanghai itself.
 */
const root = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'linli-tz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The client modules as the app bundles them (their @shared imports resolved by the client's tsconfig).
const bundle = path.join(dir, 'client-time.cjs');
writeFileSync(
  path.join(dir, 'entry.ts'),
  `export { formatTime } from ${JSON.stringify(path.join(root, 'client/src/components/labels'))};\nexport { slotWhen } from ${JSON.stringify(path.join(root, 'client/src/booking/booking-words'))};\n`,
);
buildSync({
  entryPoints: [path.join(dir, 'entry.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: bundle,
  tsconfig: path.join(root, 'client/tsconfig.json'),
  logLevel: 'error',
});

/** Runs `expression` over the client's formatters in a node whose time zone is `tz`. */
function inZone(tz: string, expression: string): unknown {
  const script = `const { formatTime, slotWhen } = require(${JSON.stringify(bundle)}); console.log(JSON.stringify({ offset: new Date('2026-11-30T01:00:00Z').getTimezoneOffset(), value: ${expression} }));`;
  const run = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as { offset: number; value: unknown };
}

describe('the client shows Beijing time whatever the phone is set to', () => {
  test('the child processes really run in the zone they are given', () => {
    expect(inZone('UTC', '0')).toEqual({ offset: 0, value: 0 });
    expect(inZone('America/New_York', '0')).toEqual({ offset: 300, value: 0 });
  });

  test.each(['UTC', 'America/New_York', 'Asia/Shanghai'])('formatTime on a phone set to %s', (tz) => {
    // 09:00 Beijing: a slot's held-back seats opening; 00:30 Beijing: already the next day (16:30 UTC the day before).
    expect(inZone(tz, "[formatTime('2026-11-30T01:00:00.000Z'), formatTime('2026-11-29T16:30:00.000Z')]")).toMatchObject({
      value: ['11月30日 09:00', '11月30日 00:30'],
    });
  });

  test.each(['UTC', 'America/New_York'])('a slot on a phone set to %s', (tz) => {
    expect(inZone(tz, "slotWhen('2026-11-30T01:00:00.000Z', '2026-11-30T01:30:00.000Z')")).toMatchObject({
      value: '11月30日 周一 09:00–09:30',
    });
  });
});

describe('Beijing-time helpers', () => {
  test('a moment as a Beijing date, clock and year, across midnight and New Year', () => {
    const ms = Date.parse('2026-12-31T16:05:00.000Z');
    expect([beijingDate(ms), beijingClock(ms), beijingYear(ms)]).toEqual(['2027-01-01', '00:05', 2027]);
    expect(whenText('2026-12-31T16:05:00.000Z')).toBe('1月1日 00:05');
  });

  test('a Beijing wall-clock time is the moment 8 hours earlier in UTC', () => {
    expect(new Date(atBeijing('2026-11-30', '09:00')).toISOString()).toBe('2026-11-30T01:00:00.000Z');
  });
});
