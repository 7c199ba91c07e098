import { buildPlaceTree } from '../../shared/domain/place-tree';
import { automaticChoice, noRouteReason, rankTeams, type RoutingWish } from '../../shared/domain/routing';
import type { Calendar } from '../../shared/domain/working-time';
import type { Team, TeamLoad } from '../../shared/schemas/teams';
import { calendarYearFromPackage } from '../../scripts/calendar-data';
import { CATEGORIES, PARTNERSHIPS, PLACES, TEAMS } from '../../scripts/demo-data';

const calendar: Calendar = new Map([[2026, calendarYearFromPackage(2026, '2026-11-01T00:00:00.000Z')!]]);
/** A Monday evening in Beijing, when volunteers with day jobs are free, and a Monday morning, when they are not. */
const MONDAY_EVENING = Date.parse('2026-11-23T19:00:00+08:00');
const MONDAY_MORNING = Date.parse('2026-11-23T10:00:00+08:00');

const gridOf = (buildingId: string) => PLACES.find((p) => p.id === PLACES.find((b) => b.id === buildingId)!.gridId)!;
const wishAt = (buildingId: string, category: string, extra: Partial<RoutingWish> = {}): RoutingWish => {
  const grid = gridOf(buildingId);
  return {
    skill: CATEGORIES.find((c) => c.id === category)!.skill,
    gridId: grid.id,
    gridName: grid.name,
    communityId: grid.communityId!,
    communityName: PLACES.find((p) => p.id === grid.communityId)!.name,
    sentBackBy: [],
    ...extra,
  };
};
const idle: TeamLoad = { active: 0, members: {} };
const rank = (wish: RoutingWish, opts: { teams?: Team[]; loads?: Record<string, TeamLoad>; now?: number } = {}) =>
  rankTeams(
    wish,
    (opts.teams ?? TEAMS).map((team) => ({ team, load: opts.loads?.[team.id] ?? idle })),
    PARTNERSHIPS,
    opts.now ?? MONDAY_EVENING,
    calendar,
  );

describe('routing a wish, from the seeds', () => {
  test("李大爷's broken lamp goes to the 能人库 electrician of his grid, with the reasons in words (seed 002)", () => {
    const ranked = rank(wishAt('b-gc-1', 'cat-electric'));
    const chosen = automaticChoice(ranked);
    expect(chosen?.teamName).toBe('古城能人库');
    expect(chosen?.reasons).toEqual(['技能 电工 相符', '服务 第一网格', '在办 0/5', '1人现在有空']);
    expect(chosen?.reach).toBe('grid');
  });

  test('an old kitchen fan goes to the 乐修匠 repair volunteers (seed 003)', () => {
    expect(automaticChoice(rank(wishAt('b-gc-3', 'cat-appliance')))?.teamId).toBe('t-gc-lexiujiang');
  });

  test('a street lamp at the courtyard gate: no volunteer has the skill, so it waits for the grid worker, who may route it to the lighting centre (seed 003)', () => {
    const ranked = rank(wishAt('b-gc-1', 'cat-public-light'));
    expect(automaticChoice(ranked)).toBeNull();
    expect(ranked.map((c) => [c.teamName, c.eligible, c.automatic])).toEqual([['城市照明管护中心', true, false]]);
    expect(noRouteReason({ skill: 'public_lighting' }, ranked, '公共照明')).toBe('需人工派单,可派给:城市照明管护中心');
  });

  test("a wish in 古城's border grid is served by 平坦垴's team under their agreement when 古城 has nobody (seed 000)", () => {
    const lexiujiang = TEAMS.find((t) => t.id === 't-gc-lexiujiang')!;
    const full = { 't-gc-lexiujiang': { active: lexiujiang.teamCap, members: {} } };
    const ranked = rank(wishAt('b-gc-33', 'cat-appliance'), { loads: full });
    const chosen = automaticChoice(ranked);
    expect(chosen).toMatchObject({ teamName: '平坦垴能人库', reach: 'partner' });
    expect(chosen?.reasons).toContain('融合网格:协议服务本网格');
    expect(ranked.find((c) => c.teamId === 't-gc-lexiujiang')).toMatchObject({ eligible: false });
    expect(ranked.find((c) => c.teamId === 't-gc-lexiujiang')?.reasons).toContain('已满');
    // The agreement covers only the border grid: elsewhere in 古城 the partner is no candidate.
    expect(rank(wishAt('b-gc-1', 'cat-appliance'), { loads: full }).map((c) => c.teamId)).not.toContain('t-ptn-nengren');
  });

  test('a team at its cap, or whose only able member is paused, is passed over with the reason', () => {
    const nengren = TEAMS.find((t) => t.id === 't-gc-nengren')!;
    const paused: Team = { ...nengren, members: nengren.members.map((m) => ({ ...m, paused: m.skills.includes('electrician') })) };
    const ranked = rank(wishAt('b-gc-1', 'cat-electric'), { teams: [paused, ...TEAMS.filter((t) => t.id !== nengren.id)] });
    expect(ranked.find((c) => c.teamId === nengren.id)).toMatchObject({
      eligible: false,
      reasons: expect.arrayContaining(['成员都已暂停或已满']),
    });
    expect(automaticChoice(ranked)?.teamId).toBe('t-gc-lexiujiang');
    const atCap = rank(wishAt('b-gc-1', 'cat-electric'), { loads: { 't-gc-nengren': { active: 5, members: {} } } });
    expect(atCap.find((c) => c.teamId === nengren.id)?.reasons).toEqual(expect.arrayContaining(['在办 5/5', '已满']));
    const memberFull = rank(wishAt('b-gc-1', 'cat-electric'), { loads: { 't-gc-nengren': { active: 2, members: { 'u-vol-zhang': 2 } } } });
    expect(memberFull.find((c) => c.teamId === nengren.id)).toMatchObject({ eligible: false });
  });

  test('members usually free now come first: by day the retired volunteers, by evening those with day jobs', () => {
    // Both 能人库 (张师傅, evenings) and 乐修匠 (何伟 evenings, 陈师傅 days) can do electrics in 古城.
    expect(rank(wishAt('b-gc-1', 'cat-electric'), { now: MONDAY_MORNING }).find((c) => c.teamId === 't-gc-nengren')?.freeNow).toBe(0);
    expect(rank(wishAt('b-gc-1', 'cat-electric'), { now: MONDAY_EVENING }).find((c) => c.teamId === 't-gc-nengren')?.freeNow).toBe(1);
  });

  test('a team that sent the wish back is not asked again automatically; a category with no skill waits for a person', () => {
    const ranked = rank(wishAt('b-gc-1', 'cat-electric', { sentBackBy: ['t-gc-nengren'] }));
    expect(automaticChoice(ranked)?.teamId).toBe('t-gc-lexiujiang');
    expect(ranked.find((c) => c.teamId === 't-gc-nengren')?.reasons).toContain('曾退单');
    const byHand = rank(wishAt('b-gc-1', 'cat-other'));
    expect(automaticChoice(byHand)).toBeNull();
    expect(byHand.length).toBeGreaterThan(0);
    expect(byHand.every((c) => !c.automatic && c.reasons[0] === '需人工判断')).toBe(true);
    expect(noRouteReason({ skill: null }, [], '其他')).toBe('「其他」需要网格员人工分派');
  });

  test('a team serving only some grids is no candidate elsewhere: 红帽 serves the first three grids', () => {
    expect(rank(wishAt('b-gc-1', 'cat-visit')).map((c) => c.teamId)).toEqual(['t-gc-hongmao']);
    expect(rank(wishAt('b-gc-33', 'cat-visit'))).toEqual([]);
  });
});

describe('the place tree for pickers', () => {
  const tree = buildPlaceTree(PLACES);

  test('streets hold communities, communities grids, grids buildings', () => {
    expect(tree.map((s) => s.name)).toEqual(['北大街街道', '高新区街道']);
    const gucheng = tree[0].children[0];
    expect(gucheng).toMatchObject({ name: '古城社区', kind: 'community' });
    expect(gucheng.children.map((g) => g.name)).toEqual(['第一网格', '第二网格', '第三网格', '第四网格', '第五网格']);
    expect(gucheng.children[0].children.map((b) => b.name)).toEqual(['1号楼', '2号楼', '3号楼']);
    expect(gucheng.children[0].children.every((b) => b.kind === 'building' && b.children.length === 0)).toBe(true);
  });

  test('a place whose parent is missing is left out rather than put in the wrong place', () => {
    const orphan = { ...PLACES.find((p) => p.kind === 'building')!, id: 'b-orphan', gridId: 'g-missing' };
    const ids = JSON.stringify(buildPlaceTree([...PLACES, orphan]));
    expect(ids).not.toContain('b-orphan');
  });
});
