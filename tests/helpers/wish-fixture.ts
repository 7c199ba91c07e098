import { Wish } from '../../shared/schemas/wishes';

/**
 * A wish as stored, for the pure tests (no database): 李建国's lamp in 1号楼, routed to team-a of grid-1. Tests
 * override what they are about.
 */
export const WISH_FIELDS = {
  id: 'w1',
  status: 'routed',
  category: 'cat',
  categoryName: '电路照明',
  description: '灯坏了',
  urgency: 'normal',
  streetId: 's',
  communityId: 'com-1',
  gridId: 'grid-1',
  buildingId: 'b1',
  buildingName: '1号楼',
  flat: '1单元101',
  ownerId: 'owner',
  ownerName: '李建国',
  contactPhone: '13800000002',
  filedBy: null,
  teamId: 'team-a',
  teamName: '能人库',
  claimantId: null,
  claimantName: null,
  rating: null,
  comment: null,
  ownerVerified: true,
  wallConsent: 'hidden',
  createdAt: '2026-11-23T01:00:00.000Z',
  updatedAt: '2026-11-23T01:00:00.000Z',
  version: 2,
} as const;

export const aWish = (extra: Partial<Wish> = {}): Wish => Wish.parse({ ...WISH_FIELDS, ...extra });
