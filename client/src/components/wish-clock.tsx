import { Button, View } from '@tarojs/components';
import type { Wish } from '@shared/schemas/wishes';
import { LEVEL_NAME } from '@shared/domain/levels';
import { SLA_LABEL, timeLeft } from './labels';

/**
 * Where a wish stands against its clocks, as the people it concerns see it: the level it has been
 * escalated to (已上报社区), yellow or red, the time left, and for the claimant the time left to start
 * (the lease), with its one extension.
 */
export function WishClock({
  wish,
  canExtendLease,
  onExtendLease,
  showNote,
}: {
  wish: Wish;
  canExtendLease: boolean;
  onExtendLease: () => void;
  showNote: boolean;
}) {
  return (
    <View className="card wish-clock">
      <View className="wrap">
        {wish.level !== 'grid' && <View className="tag urgent wish-level">已上报{LEVEL_NAME[wish.level]}</View>}
        {wish.sla !== 'ok' && <View className={`tag sla-${wish.sla}`}>{SLA_LABEL[wish.sla]}</View>}
        {wish.supporters > 0 && <View className="tag">{wish.supporters}位邻居也遇到</View>}
      </View>
      {wish.deadline && !wish.leaseUntil && <View className="text wish-deadline">办理时限:还剩{timeLeft(wish.deadline)}</View>}
      {wish.leaseUntil && (
        <View className="lease">
          <View className="text lease-countdown">请在{timeLeft(wish.leaseUntil)}内开始处理,否则任务会退回队伍</View>
          {canExtendLease && (
            <Button className="btn block action-extend_lease" onClick={onExtendLease}>
              需要更多时间(可延长一次)
            </Button>
          )}
        </View>
      )}
      {showNote && wish.routingNote && <View className="muted routing-note">{wish.routingNote}</View>}
    </View>
  );
}
