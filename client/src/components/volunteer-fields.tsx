import { Button, Input, View } from '@tarojs/components';
import { useState } from 'react';
import type { FreeHours } from '@shared/schemas/teams';
import { knownSkills, skillLabel } from './labels';

type Span = FreeHours['workday'][number];
type DayKind = keyof FreeHours;

const PRESETS: Record<DayKind, [string, Span][]> = {
  workday: [
    ['早上', { from: '07:00', to: '08:30' }],
    ['白天', { from: '08:30', to: '17:30' }],
    ['晚上', { from: '18:00', to: '21:30' }],
  ],
  restday: [
    ['上午', { from: '09:00', to: '12:00' }],
    ['下午', { from: '14:00', to: '18:00' }],
    ['全天', { from: '09:00', to: '18:00' }],
    ['晚上', { from: '18:00', to: '21:00' }],
  ],
};
const DAY_LABEL: Record<DayKind, string> = { workday: '工作日', restday: '周末和节假日' };
const same = (a: Span, b: Span) => a.from === b.from && a.to === b.to;

/** Usual free hours as chips (工作日晚上, 周末上午…), at most four spans of each kind of day. */
export function HoursPicker({ value, onChange }: { value: FreeHours; onChange: (hours: FreeHours) => void }) {
  const toggle = (day: DayKind, span: Span) => {
    const spans = value[day];
    const next = spans.some((s) => same(s, span))
      ? spans.filter((s) => !same(s, span))
      : [...spans, span].sort((a, b) => a.from.localeCompare(b.from)).slice(0, 4);
    onChange({ ...value, [day]: next });
  };
  return (
    <View className="hours-picker">
      {(['workday', 'restday'] as const).map((day) => {
        // Spans set elsewhere (by staff, in the demo data) are shown as they are, to keep or drop.
        const options: [string, Span][] = [
          ...PRESETS[day],
          ...value[day].filter((s) => !PRESETS[day].some(([, p]) => same(p, s))).map((s): [string, Span] => [`${s.from}-${s.to}`, s]),
        ];
        return (
          <View key={day}>
            <View className="muted">{DAY_LABEL[day]}</View>
            <View className="wrap">
              {options.map(([label, span]) => (
                <Button
                  key={`${span.from}${span.to}`}
                  className={`btn chip hours-${day} ${value[day].some((s) => same(s, span)) ? 'selected' : ''}`}
                  onClick={() => toggle(day, span)}
                >
                  {label}
                </Button>
              ))}
            </View>
          </View>
        );
      })}
    </View>
  );
}

/** Skills as chips to switch on and off, and a field to add one not in the list. */
export function SkillPicker({
  value,
  onChange,
  offered = [],
}: {
  value: string[];
  onChange: (skills: string[]) => void;
  offered?: string[];
}) {
  const [typed, setTyped] = useState('');
  const options = knownSkills(offered, value);
  const toggle = (skill: string) => onChange(value.includes(skill) ? value.filter((s) => s !== skill) : [...value, skill].slice(0, 10));
  const add = () => {
    const skill = typed.trim();
    if (skill && !value.includes(skill)) onChange([...value, skill].slice(0, 10));
    setTyped('');
  };
  return (
    <View className="skill-picker">
      <View className="wrap">
        {options.map((s) => (
          <Button key={s} className={`btn chip skill ${value.includes(s) ? 'selected' : ''}`} data-skill={s} onClick={() => toggle(s)}>
            {skillLabel(s)}
          </Button>
        ))}
      </View>
      <Input
        className="input skill-input"
        value={typed}
        maxlength={40}
        placeholder="其他技能,例如:理发"
        onInput={(e) => setTyped(e.detail.value)}
      />
      {typed.trim() && (
        <Button className="btn block add-skill" onClick={add}>
          添加“{typed.trim()}”
        </Button>
      )}
    </View>
  );
}

/** “工作日 18:00-21:30;周末和节假日 09:00-12:00”. */
export const hoursText = (hours: FreeHours): string =>
  (['workday', 'restday'] as const)
    .filter((d) => hours[d].length)
    .map((d) => `${DAY_LABEL[d]} ${hours[d].map((s) => `${s.from}-${s.to}`).join('、')}`)
    .join(';') || '未填写';
