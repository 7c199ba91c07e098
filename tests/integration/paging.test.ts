import { compareKeys, readPage } from '../../functions/data/pagination';
import { putUser } from '../../functions/data/users';
import { byOwner } from '../../functions/data/wishes';
import { getUser } from '../../functions/data/users';
import type { Page } from '../../shared/schemas/common';
import { as } from '../helpers/api';
import { useDemoTable } from '../helpers/table';
import { submit, LAMP } from '../helpers/wishes';

useDemoTable();

/** Names whose order differs between pinyin, locale rules, UTF-16 units and UTF-8 bytes. */
const NAMES = [
  '王秀英',
  '李建国',
  'alice',
  'Bob',
  'bob',
  'Émile',
  '张三',
  '😀小明',
  '阿姨',
  'Zed',
  'ümit',
  '𠀀奶奶',
  'ｆｕｌｌ',
  '艾伦',
  'ALICE',
  '王秀英',
];

async function walk<T>(fetch: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 200; pages++) {
    const page = await fetch(cursor);
    all.push(...page.items);
    if (!page.cursor) return all;
    cursor = page.cursor;
  }
  throw new Error('the cursor never ended');
}

describe('paging a list merged from several partitions', () => {
  let ours: string[];
  beforeAll(async () => {
    const template = (await getUser('u-res-li'))!;
    const grid2 = (await getUser('u-res-zhao'))!.home!; // 6号楼, 第二网格
    ours = NAMES.map((_, i) => `u-page-${i}`);
    await Promise.all(
      NAMES.map((name, i) =>
        putUser({
          ...template,
          id: ours[i],
          name,
          verified: i % 3 !== 0,
          home: i % 2 ? { ...template.home!, flat: `${i}` } : { ...grid2, flat: `${i}` },
        }),
      ),
    );
  });

  test.each([1, 2, 3, 7, 50])(
    'a grid worker of two grids pages the residents %i at a time and gets every one exactly once, in order',
    async (limit) => {
      const seen = await walk<{ id: string; name: string; verified: boolean }>((cursor) =>
        as('u-grid-sun')
          .get(`/residents?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
          .then((r) => r.body),
      );
      const ids = seen.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.filter((id) => id.startsWith('u-page-')).sort()).toEqual([...ours].sort());
      // Unverified first, then by name in the byte order DynamoDB uses.
      const keys = seen.map((r) => `${r.verified ? 1 : 0}#${r.name}#${r.id}`);
      expect([...keys].sort(compareKeys)).toEqual(keys);
    },
  );

  test('newest-first lists merged from several partitions page backwards without a gap or a repeat', async () => {
    const owners = ['u-res-li', 'u-res-wang'];
    for (let i = 0; i < 5; i++) {
      await submit({ ...LAMP, description: `李家第${i}件事` }, 'u-res-li');
      await submit({ ...LAMP, buildingId: 'b-gc-3', description: `王家第${i}件事` }, 'u-res-wang');
    }
    const source = { ...byOwner('u-res-li'), partitions: owners.map((o) => `OWNER#${o}`) };
    const everything = (await readPage([source], undefined, 50)).items.map((w) => w.id);
    for (const limit of [1, 2, 3, 4]) {
      const paged = (await walk((cursor) => readPage([source], cursor, limit))).map((w) => w.id);
      expect(paged).toEqual(everything);
    }
    expect(everything.length).toBeGreaterThanOrEqual(10);
  });
});

describe('the order keys are compared in', () => {
  test.each([
    ['upper case before lower case', 'Bob', 'alice'],
    ['ASCII before Latin-1', 'zed', 'ümit'],
    ['Latin before CJK', 'ümit', '阿姨'],
    ['CJK by code point, not pinyin', '张三', '李建国'],
    ['a BMP character above U+E000 before a supplementary one', 'ｆｕｌｌ', '𠀀奶奶'],
  ])('%s: %s < %s', (_name, a, b) => {
    expect(compareKeys(a, b)).toBeLessThan(0);
    expect(compareKeys(b, a)).toBeGreaterThan(0);
  });
});
