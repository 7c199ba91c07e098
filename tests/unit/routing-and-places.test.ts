import { buildPlaceTree } from '../../shared/domain/place-tree';
import { pickTeam } from '../../shared/domain/routing';
import type { Team } from '../../shared/schemas/teams';
import { PLACES, TEAMS } from '../../scripts/demo-data';

const member = { userId: 'u', name: 'u', role: 'member' as const, skills: [] };
const team = (id: string, kind: Team['kind'], skills: string[], communityId = 'c1', members = 1): Team => ({
  id, name: id, kind, communityId, skills, members: Array.from({ length: members }, () => member),
});

describe('routing a new wish to a team', () => {
  test.each([
    ['prefers the neighbours of the skills registry over an outside unit', 'electrician', [team('unit', 'co_building_unit', ['electrician']), team('reg', 'skills_registry', ['electrician'])], 'reg'],
    ['takes the only team with the skill', 'public_lighting', [team('reg', 'skills_registry', ['electrician']), team('light', 'co_building_unit', ['public_lighting'])], 'light'],
    ['never routes to another community', 'electrician', [team('far', 'skills_registry', ['electrician'], 'c2')], null],
    ['skips a team with nobody in it', 'electrician', [team('empty', 'skills_registry', ['electrician'], 'c1', 0)], null],
    ['among equals, the larger team', 'appliance_repair', [team('small', 'volunteer_team', ['appliance_repair'], 'c1', 2), team('big', 'volunteer_team', ['appliance_repair'], 'c1', 97)], 'big'],
  ])('%s', (_name, skill, teams, expected) => {
    expect(pickTeam({ skill }, teams, 'c1')?.id ?? null).toBe(expected);
  });

  test('a category without a skill waits for a person to triage it', () => {
    expect(pickTeam({ skill: null }, TEAMS, 'c-gucheng')).toBeNull();
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
