import { Button, Textarea, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { CalendarYearBody, type CalendarOverview, type CalendarYear } from '@shared/schemas/calendar';
import type { SlaLimits, SlaLimitsView } from '@shared/schemas/sla';
import { beijingYear } from '@shared/domain/beijing-time';
import { DEFAULT_HOURS } from '@shared/domain/working-time';
import { api } from '../../../api/endpoints';
import { errorText } from '../../../api/request';
import { hasRole, session } from '../../../api/session';
import { limitLabel } from '../../../components/labels';
import { LoadError, PageShell } from '../../../components/page-shell';

const STAGE_LABEL: [keyof Pick<SlaLimits, 'route' | 'claim' | 'lease' | 'done'>, string][] = [
  ['route', '派单'],
  ['claim', '认领'],
  ['lease', '认领后开始处理'],
  ['done', '办结'],
];
const lines = (text: string) =>
  text
    .split(/[\s,,、]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Editing one year: its holidays and make-up working days (调休), one date a line, as the State Council's notice lists them. */
function YearEditor({
  year,
  base,
  onSaved,
  onCancel,
}: {
  year: number;
  base: CalendarYear | null;
  onSaved: (y: CalendarYear) => void;
  onCancel: () => void;
}) {
  const [holidays, setHolidays] = useState((base?.holidays ?? []).join('\n'));
  const [workdays, setWorkdays] = useState((base?.workdays ?? []).join('\n'));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (busy) return;
    const parsed = CalendarYearBody.safeParse({
      holidays: lines(holidays),
      workdays: lines(workdays),
      hours: base?.hours ?? DEFAULT_HOURS,
    });
    const wrongYear = parsed.success && [...parsed.data.holidays, ...parsed.data.workdays].some((d) => !d.startsWith(`${year}-`));
    if (!parsed.success || wrongYear) return setError(`日期请写成 ${year}-10-01 这样,每行一个,都在${year}年`);
    setBusy(true);
    setError('');
    try {
      onSaved(await api.putCalendarYear(year, parsed.data));
    } catch (e) {
      setError(errorText(e, '保存没有成功,请再试一次'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card year-editor" data-year={year}>
      <View className="card-title">{year}年</View>
      <View className="section">放假的日子(每行一个日期)</View>
      <Textarea
        className="textarea holidays"
        value={holidays}
        maxlength={2000}
        placeholder={`${year}-01-01`}
        onInput={(e) => setHolidays(e.detail.value)}
      />
      <View className="section">调休上班的周末(每行一个日期)</View>
      <Textarea
        className="textarea workdays"
        value={workdays}
        maxlength={1000}
        placeholder={`${year}-02-08`}
        onInput={(e) => setWorkdays(e.detail.value)}
      />
      {error && <View className="error">{error}</View>}
      <Button className="btn primary block save-year" disabled={busy || undefined} onClick={() => void save()}>
        {busy ? '正在保存…' : '保存'}
      </Button>
      <Button className="btn block" onClick={onCancel}>
        取消
      </Button>
    </View>
  );
}

/**
 * 工作日历: the working-day calendar the clocks count in (holidays, make-up working days, office hours),
 * with a warning when next year's days are missing, and the time limits of every stage as the viewer's street
 * works to them (its own, else the default).
 */
export default function Calendar() {
  // The calendar is national and moves every clock: the operator enters it, community and street staff read it.
  const editable = hasRole(session.user(), 'admin');
  const [overview, setOverview] = useState<CalendarOverview | null>(null);
  const [limits, setLimits] = useState<SlaLimitsView | null>(null);
  const [error, setError] = useState('');
  const [editing, setEditing] = useState<number | null>(null);
  const [notice, setNotice] = useState('');

  const load = () => {
    setError('');
    Promise.all([api.calendar(), api.slaLimits()]).then(
      ([c, l]) => {
        setOverview(c);
        setLimits(l);
      },
      (e) => setError(errorText(e, '加载失败,请重试')),
    );
  };
  useDidShow(load);

  if (!overview || !limits)
    return <PageShell>{error ? <LoadError message={error} onRetry={load} /> : <View className="empty">正在加载…</View>}</PageShell>;
  const years = [...overview.years].sort((a, b) => a.year - b.year);
  // The next year in Beijing: from midnight to 08:00 on 1 January a phone set to UTC is still in the old year.
  const next = beijingYear(Date.now()) + 1;
  const missing = !years.some((y) => y.year === next);
  const latest = years.at(-1) ?? null;

  return (
    <PageShell>
      <View className="title">工作日历</View>
      {overview.warning && <View className="notice calendar-warning">{overview.warning}</View>}
      {notice && <View className="success">{notice}</View>}
      {!editable && missing && <View className="muted calendar-owner">节假日和调休安排由系统管理员按国务院办公厅通知统一录入。</View>}
      {editable && missing && editing !== next && (
        <Button className="btn primary block add-next-year" onClick={() => setEditing(next)}>
          填写{next}年的放假和调休
        </Button>
      )}
      {editing !== null && !years.some((y) => y.year === editing) && (
        <YearEditor
          year={editing}
          base={latest ? { ...latest, holidays: [], workdays: [] } : null}
          onSaved={(y) => {
            setEditing(null);
            setNotice(`${y.year}年已保存`);
            load();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {years.map((y) =>
        editing === y.year ? (
          <YearEditor
            key={y.year}
            year={y.year}
            base={y}
            onSaved={(saved) => {
              setEditing(null);
              setNotice(`${saved.year}年已保存`);
              load();
            }}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <View key={y.year} className="card calendar-year" data-year={y.year}>
            <View className="card-title">{y.year}年</View>
            <View className="muted">
              放假{y.holidays.length}天,调休上班{y.workdays.length}天
            </View>
            {y.workdays.length > 0 && <View className="muted">调休上班:{y.workdays.join('、')}</View>}
            <View className="muted">上班时间:{y.hours.map((h) => `${h.from}-${h.to}`).join('、')}</View>
            <View className="muted">来源:{y.source === 'chinese-days' ? 'chinese-days 数据包' : y.source}</View>
            {editable && (
              <Button className="btn block edit-year" onClick={() => setEditing(y.year)}>
                修改
              </Button>
            )}
          </View>
        ),
      )}
      <View className="section">{limits.streetName ? `${limits.streetName}各环节时限` : '各环节时限(默认)'}</View>
      <View className="card sla-limits" data-street-id={limits.streetId ?? 'default'}>
        <View className="muted sla-source">
          {limits.source === 'street' ? '本街道设定的时限,只用于本街道的新心愿' : '系统默认时限;街道可设定本街道自己的时限'}
        </View>
        {STAGE_LABEL.map(([stage, label]) => (
          <View key={stage} className="text sla-limit">
            {label}:{limitLabel(limits[stage].normal)}(紧急:{limitLabel(limits[stage].urgent)})
          </View>
        ))}
        <View className="text">办结最长:{limits.doneMaxWorkingDays}个工作日,更长需上级批准</View>
        <View className="text">居民确认:{limitLabel(limits.confirm)},逾期自动确认</View>
        <View className="text">退单:派单后{limitLabel(limits.sendBack)}内</View>
        <View className="muted">用到时限的{Math.round(limits.yellowShare * 100)}%显示黄色,超时自动上报上一级。</View>
      </View>
    </PageShell>
  );
}
