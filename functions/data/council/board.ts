import { BoardEntry } from '../../../shared/schemas/council';
import { tableName } from '../../config';
import type { Source } from '../pagination';
import type { TransactItem } from '../transactions';

/**
 * A community's noticeboard (公告栏): one item per sheet, in the partition `BOARD#<community>`, newest first by
 * the moment it went up; each says until when it stays up (a notice until the day after the meeting, a result
 * for the publicity window). Written in the transaction of the step that puts it up.
 */
const boardKey = (e: Pick<BoardEntry, 'communityId' | 'id'>) => ({ PK: `BOARD#${e.communityId}`, SK: e.id });

export const boardPut = (e: BoardEntry): TransactItem => ({
  Put: { TableName: tableName(), Item: { ...boardKey(e), type: 'boardEntry', ...e }, ConditionExpression: 'attribute_not_exists(PK)' },
});

/** AP: what is up on some communities' noticeboards at `nowIso`, newest first (Query `BOARD#<community>` backwards, filtered on `until`). */
export const boardOf = (communityIds: readonly string[], nowIso: string): Source<BoardEntry> => ({
  index: 'table',
  partitions: communityIds.map((c) => `BOARD#${c}`),
  forward: false,
  item: BoardEntry,
  filter: { expression: '#until > :now', names: { '#until': 'until' }, values: { ':now': nowIso } },
});
