import { Button, Checkbox, Label, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { isReleased } from '@shared/domain/booking/status';
import type { Service } from '@shared/schemas/services';
import type { SlotView } from '@shared/schemas/slots';
import { api } from '../../../api/endpoints';
import { hasRole, session } from '../../../api/session';
import { ApiError, errorText, newIdempotencyKey } from '../../../api/request';
import { LoadError, ListState, LoadMore, PageShell } from '../../../components/page-shell';
import { askToSubscribe } from '../../../components/subscribe';
import { usePagedList } from '../../../components/use-paged-list';
import { useRowAction } from '../../../components/use-row-action';
import { formatTime } from '../../../components/labels';
import { BOOKING_STATUS_LABEL, SLOT_STATE_LABEL, slotWhen, statusTone } from '../../booking-words';

type Choice = 'book' | 'wait' | 'apply';
const DONE: Record<Choice, string> = { book: '预约成功', wait: '已排队候补', apply: '已报名,等抽签结果' };

/** What a tap on the slot would do now, or null when nothing can be asked for. */
function choiceFor(slot: SlotView): Choice | null {
  if (slot.mine && !isReleased(slot.mine.status)) return null;
  if (slot.state === 'applying') return 'apply';
  if (slot.state === 'open' && slot.seatsLeft > 0) return 'book';
  if (slot.state === 'open' || slot.state === 'full') return 'wait';
  return null;
}

/**
 * One service and its slots: one tap books (or applies to the ballot, or joins the waiting list). Each tap
 * carries an Idempotency-Key that is kept until the answer is known, so a retry on a bad network never books
 * twice; a grid worker booking for a resident ticks the resident's consent first.
 */
export default function ServicePage() {
  const { params } = useRouter();
  const serviceId = params.id ?? '';
  const forId = params.for;
  const forName = decodeURIComponent(params.forName ?? '');
  const [service, setService] = useState<Service | null>(null);
  const [serviceError, setServiceError] = useState('');
  const list = usePagedList((cursor) => api.slots(serviceId, forId, cursor), serviceId);
  // Per slot: the booking a tap here made (it stands in for the slot's `mine` until the page shows again).
  const rows = useRowAction<NonNullable<SlotView['mine']>>();
  const [consent, setConsent] = useState(false);
  const keys = useRef<Record<string, string>>({});
  const staff = hasRole(session.user(), 'staff');
  const [closed, setClosed] = useState<Record<string, SlotView>>({});
  // Back on the page (a booking cancelled on its own page), the reloaded list is the truth, not what was tapped here.
  useDidShow(() => {
    rows.forget();
    setClosed({});
  });

  const loadService = () => {
    setServiceError('');
    api.service(serviceId).then(setService, (e) => setServiceError(errorText(e, '加载失败,请重试')));
  };
  useEffect(loadService, [serviceId]);

  const ask = (slot: SlotView, choice: Choice) => {
    if (rows.busy) return;
    if (forId && !consent) return rows.say(slot.id, `请先勾选“${forName}已同意由我代为预约”`);
    // Asked from the tap itself, as WeChat requires; the answer does not hold the booking up.
    if (!forId) void askToSubscribe(choice === 'wait' ? ['booking_result', 'waitlist_offer'] : ['booking_result', 'booking_reminder']);
    const keyName = `${slot.id}:${choice}`;
    keys.current[keyName] ??= newIdempotencyKey();
    const key = keys.current[keyName];
    const onError = (e: unknown) => {
      const error = e instanceof ApiError ? e : null;
      // Only an answer that never came may be retried with the same key; anything else was decided.
      if (!error || !['NETWORK', 'TIMEOUT'].includes(error.code)) delete keys.current[keyName];
      // Full, taken, or no answer in time (it may have gone through): show the slots as they are now.
      if (error && ['SLOT_FULL', 'ALREADY_BOOKED', 'NETWORK', 'TIMEOUT'].includes(error.code)) void list.reload();
    };
    return rows.run(
      slot.id,
      async () => {
        const booking = await api.book(
          { slotId: slot.id, waitlist: choice === 'wait', ...(forId ? { forResidentId: forId, consent: true as const } : {}) },
          key,
        );
        delete keys.current[keyName];
        const position = booking.waitPosition ? `,排在第${booking.waitPosition}位` : '';
        rows.say(slot.id, `${DONE[choice]}${position}`, true);
        return { bookingId: booking.id, status: booking.status };
      },
      { failed: '预约没有成功,请再试一次', onError },
    );
  };

  const open = (bookingId: string) => Taro.navigateTo({ url: `/booking/pages/booking/index?id=${encodeURIComponent(bookingId)}` });
  const now = Date.now();

  return (
    <PageShell>
      {serviceError && <LoadError message={serviceError} onRetry={loadService} />}
      {service && (
        <View className="card service-head">
          <View className="title">{service.name}</View>
          <View className="text">{service.description}</View>
          <View className="muted">
            {service.place}
            {service.rules.eligibility.minAge ? ` · ${service.rules.eligibility.minAge}岁以上居民` : ''}
            {` · 每人同时最多约${service.rules.quota.active}次,每月${service.rules.quota.perMonth}次`}
          </View>
          {service.rules.allocation === 'ballot' && (
            <View className="notice">这项服务名额少,报名后统一抽签,中签名单和抽签过程都会公开,人人可查。</View>
          )}
        </View>
      )}
      {forId && (
        <Label className="card row check-row text consent">
          <Checkbox value="consent" checked={consent} onClick={() => setConsent(!consent)} />
          <Text>{forName}已同意由我代为预约</Text>
        </Label>
      )}
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText="近期没有可预约的时间"
        onRetry={list.reload}
      />
      {list.items.map((shown) => {
        const listed = closed[shown.id] ?? shown;
        const held = rows.changed[listed.id];
        const slot: SlotView = held ? { ...listed, mine: held } : listed;
        const choice = choiceFor(slot);
        return (
          <View key={slot.id} className="card slot-card" data-slot-id={slot.id}>
            <View className="row">
              <Text className="card-title">{slotWhen(slot.start, slot.end)}</Text>
              <Text className={`tag slot-state state-${slot.state}`}>{SLOT_STATE_LABEL[slot.state]}</Text>
            </View>
            <View className="muted">{slot.place}</View>
            {slot.allocation === 'ballot' ? (
              <View className="text seats">
                共{slot.seats}个名额,已有{slot.applicants}人报名
                {slot.ballotClosesAt ? `,${formatTime(slot.ballotClosesAt)}截止后抽签` : ''}
              </View>
            ) : (
              <View className="text seats">
                {slot.seatsLeft > 0 ? `还剩${slot.seatsLeft}个名额` : '名额已满'}(共{slot.seats}个)
                {slot.waiting > 0 ? `,${slot.waiting}人在候补` : ''}
              </View>
            )}
            {slot.heldBack > 0 && slot.releaseAt && Date.parse(slot.releaseAt) > now && (
              <View className="muted held-back">
                另有{slot.heldBack}个名额留给网格员代约的居民,{formatTime(slot.releaseAt)}起放开
              </View>
            )}
            {slot.state === 'upcoming' && <View className="muted">{formatTime(slot.opensAt)}开放预约</View>}
            {slot.note && <View className="notice">{slot.note}</View>}
            {slot.mine && (
              <View className="row mine">
                <Text className={`tag ${statusTone(slot.mine.status)}`}>{BOOKING_STATUS_LABEL[slot.mine.status]}</Text>
                <Button className="btn view-booking" onClick={() => open(slot.mine!.bookingId)}>
                  查看
                </Button>
              </View>
            )}
            {choice && (
              <Button
                className={`btn block ${choice === 'book' ? 'primary book' : choice === 'wait' ? 'waitlist' : 'primary apply'}`}
                disabled={rows.busy === slot.id || undefined}
                onClick={() => ask(slot, choice)}
              >
                {rows.busy === slot.id ? '正在提交…' : choice === 'book' ? '预约' : choice === 'wait' ? '排队候补' : '报名抽签'}
              </Button>
            )}
            {/* A witnessed ballot's page is open from the start (what will happen, who the witnesses are); an older one's from the draw. */}
            {slot.allocation === 'ballot' &&
              slot.ballotClosesAt &&
              (service?.rules.draw || (Date.parse(slot.ballotClosesAt) <= now && slot.state !== 'drawing')) && (
                <Button
                  className="btn block see-draw"
                  onClick={() =>
                    Taro.navigateTo({
                      url: `/booking/pages/draw/index?service=${encodeURIComponent(slot.serviceId)}&slot=${encodeURIComponent(slot.id)}`,
                    })
                  }
                >
                  {slot.state === 'applying' || slot.state === 'upcoming' ? '抽签规则和监督人' : '查看抽签过程'}
                </Button>
              )}
            {rows.message?.row === slot.id && (
              <View className={rows.message.ok ? 'success booking-result' : 'error booking-result'}>{rows.message.text}</View>
            )}
            {staff && !forId && slot.state !== 'cancelled' && (
              <CloseSlot slot={slot} onClosed={(s) => setClosed((c) => ({ ...c, [s.id]: s }))} />
            )}
          </View>
        );
      })}
      <LoadMore list={list} />
    </PageShell>
  );
}

/** Staff close one slot, saying why: everyone booked or waiting on it is told, and their quota given back. */
function CloseSlot({ slot, onClosed }: { slot: SlotView; onClosed: (s: SlotView) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const act = useRowAction();
  if (!open)
    return (
      <Button className="btn block close-slot" onClick={() => setOpen(true)}>
        关闭这个时段
      </Button>
    );
  const close = () => {
    if (reason.trim().length < 2) return act.say(slot.id, '请写明关闭原因,已预约的居民会收到');
    return act.run(
      slot.id,
      async () => {
        onClosed(await api.changeSlot(slot.id, { close: true, reason: reason.trim() }));
        setOpen(false);
      },
      { failed: '关闭没有成功,请再试一次' },
    );
  };
  return (
    <View className="close-slot-form">
      <Textarea
        className="textarea close-reason"
        value={reason}
        placeholder="关闭原因,会告诉已预约的居民(如:师傅生病,改到下周)"
        maxlength={200}
        onInput={(e) => setReason(e.detail.value)}
      />
      <Button className="btn primary block confirm-close" disabled={!!act.busy || undefined} onClick={close}>
        确认关闭并通知居民
      </Button>
      {act.error && <View className="error">{act.error}</View>}
    </View>
  );
}
