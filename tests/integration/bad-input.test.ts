import fc from 'fast-check';
import { ERROR_CODES } from '../../shared/errors';
import { request, tokenOf } from '../helpers/api';
import { recordDbCalls } from '../helpers/db-calls';
import { useDemoTable } from '../helpers/table';
import { LAMP, OWNER, submit } from '../helpers/wishes';

useDemoTable();

const VALID: Record<string, object> = {
  '/wishes': LAMP,
  route: { teamId: 't-gc-nengren' },
  claim: {},
  complete: { note: '修好了' },
  confirm: { rating: 5 },
  dispute: { reason: '没修好' },
  reject: { reason: '重复提交' },
  close: { reason: '无法解决' },
};
const WHO: Record<string, string> = {
  '/wishes': OWNER,
  route: 'u-grid-sun',
  claim: 'u-vol-zhang',
  complete: 'u-vol-zhang',
  confirm: OWNER,
  dispute: OWNER,
  reject: 'u-grid-sun',
  close: 'u-staff-guo',
};
const RUNS = { numRuns: 60 };

/** Whatever a user sends, the answer is a 4xx with a known code, or a success; never a 500. */
function expectNoServerError(res: { status: number; body: any; text: string }) {
  if (res.status >= 500) throw new Error(`answered ${res.status}: ${res.text}`);
  if (res.status >= 400) expect(ERROR_CODES).toContain(res.body?.error?.code);
}

describe('bad input never causes a 500', () => {
  let wishId: string;
  const url = (route: string) => (route === '/wishes' ? '/wishes' : `/wishes/${wishId}/${route}`);
  beforeAll(async () => {
    wishId = (await submit()).wish.id;
    await Promise.all(Object.values(WHO).map(tokenOf));
  });

  test.each(Object.keys(VALID))('random JSON bodies to %s', async (route) => {
    const token = await tokenOf(WHO[route]);
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        expectNoServerError(await request('POST', url(route), { token, body }));
      }),
      RUNS,
    );
  });

  test.each(Object.keys(VALID))('a valid body to %s with one extra field is refused by name', async (route) => {
    const token = await tokenOf(WHO[route]);
    await fc.assert(
      fc.asyncProperty(
        fc
          .string({ minLength: 1, maxLength: 20 })
          .filter(
            (k) =>
              !(k in VALID[route]) && !['consent', 'urgency', 'flat', 'onBehalfOf', 'comment', 'note', 'reason', '__proto__'].includes(k),
          ),
        fc.jsonValue(),
        async (key, value) => {
          const res = await request('POST', url(route), { token, body: { ...VALID[route], [key]: value } });
          expect(res.status).toBe(400);
          expect(res.body.error.code).toBe('VALIDATION_FAILED');
        },
      ),
      { numRuns: 25 },
    );
  });

  test('fields of the wrong type, with names a user could guess', async () => {
    const token = await tokenOf(OWNER);
    const anything = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.object(), fc.double());
    await fc.assert(
      fc.asyncProperty(fc.record({ description: anything, category: anything, buildingId: anything, urgency: anything }), async (body) => {
        const res = await request('POST', '/wishes', { token, body });
        expect(res.status).toBe(400);
        expect(res.body.error.issues.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  test('status or owner cannot be smuggled into a new wish', async () => {
    const token = await tokenOf(OWNER);
    for (const extra of [{ status: 'confirmed' }, { ownerId: 'u-res-wang' }, { teamId: 't-gc-police' }, { claimantId: 'u-vol-zhang' }]) {
      const res = await request('POST', '/wishes', { token, body: { ...LAMP, ...extra } });
      expect(res.status).toBe(400);
      expect(res.body.error.issues.map((i: { message: string }) => i.message).join()).toContain(Object.keys(extra)[0]);
    }
  });

  test('huge strings are refused: too long for a field (400), or too big a body (413)', async () => {
    const token = await tokenOf(OWNER);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 501, max: 15_000 }), async (length) => {
        const res = await request('POST', '/wishes', { token, body: { ...LAMP, description: '灯'.repeat(length) } });
        expect([400, 413]).toContain(res.status);
      }),
      { numRuns: 20 },
    );
    const big = await request('POST', '/wishes', { token, body: { ...LAMP, description: 'x'.repeat(17_000) } });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('malformed JSON is a 400 with its own code; another content type a 415', async () => {
    const token = await tokenOf(OWNER);
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1 }).filter((s) => {
          try {
            JSON.parse(s);
            return false;
          } catch {
            return true;
          }
        }),
        async (raw) => {
          const res = await request('POST', '/wishes', { token, rawBody: raw });
          expect(res.status).toBe(400);
          expect(res.body.error.code).toBe('MALFORMED_JSON');
        },
      ),
      RUNS,
    );
    const form = await request('POST', '/wishes', {
      token,
      rawBody: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
  });

  test('random path ids and query strings', async () => {
    const token = await tokenOf(OWNER);
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 100 }), fc.string({ maxLength: 300 }), async (id, cursor) => {
        expectNoServerError(await request('GET', `/wishes/${encodeURIComponent(id)}`, { token }));
        expectNoServerError(await request('GET', '/wishes', { token, query: { scope: 'mine', cursor, limit: cursor.slice(0, 3) } }));
      }),
      RUNS,
    );
  });

  test('a forged or tampered cursor is a 400, not a peek at another partition', async () => {
    const token = await tokenOf(OWNER);
    await submit();
    // A well-formed cursor that names another resident's partition: what is read is still the caller's own.
    const forged = Buffer.from(
      JSON.stringify({ s: 0, a: '2099-01-01', pk: 'OWNER#u-res-wang', partitions: ['OWNER#u-res-wang'] }),
    ).toString('base64url');
    const calls = recordDbCalls();
    const page = await request('GET', '/wishes', { token, query: { scope: 'mine', cursor: forged } });
    calls.stop();
    expect(page.status).toBe(200);
    const read = calls.calls.filter((c) => c.command === 'QueryCommand').map((c) => c.input.ExpressionAttributeValues[':pk']);
    expect(new Set(read)).toEqual(new Set([`OWNER#${OWNER}`]));
    expect(calls.count('ScanCommand')).toBe(0);
    expect(page.body.items.length).toBeGreaterThan(0);
    for (const w of page.body.items) expect(w.ownerId).toBe(OWNER);
    for (const cursor of ['not-base64!', Buffer.from('{"s":7}').toString('base64url'), Buffer.from('[1]').toString('base64url')]) {
      const res = await request('GET', '/wishes', { token, query: { scope: 'mine', cursor } });
      expect(res.status).toBe(400);
      expect(res.body.error.issues[0].path).toBe('cursor');
    }
  });

  test('a page never holds more than 50 items and the cursor walks every wish once', async () => {
    const token = await tokenOf('u-res-ptn');
    await Promise.all(Array.from({ length: 7 }, () => submit({ ...LAMP, buildingId: 'b-ptn-1' }, 'u-res-ptn')));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await request('GET', '/wishes', { token, query: { scope: 'mine', limit: '3', ...(cursor ? { cursor } : {}) } });
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items.map((w: { id: string }) => w.id));
      cursor = res.body.cursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const tooMany = await request('GET', '/wishes', { token, query: { scope: 'mine', limit: '51' } });
    expect(tooMany.status).toBe(400);
  });
});
