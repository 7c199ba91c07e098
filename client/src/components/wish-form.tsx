import { Button, Textarea, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { Category, PlaceNode } from '@shared/schemas/places';
import { WishCreateBody, type Urgency, type WishDetail } from '@shared/schemas/wishes';
import { api } from '../api/endpoints';
import { FIELD_NAMES } from '../api/messages';
import { ApiError, newIdempotencyKey } from '../api/request';
import { BuildingPicker } from './building-picker';

interface Props {
  /** The resident a grid worker files for, with their consent recorded. */
  onBehalfOf?: string;
  consent?: boolean;
  defaultBuildingId: string;
  onCreated: (detail: WishDetail) => void;
}

/** The wish form: one Idempotency-Key per wish, kept across retries, so a double tap never makes two. */
export function WishForm({ onBehalfOf, consent, defaultBuildingId, onCreated }: Props) {
  const [categories, setCategories] = useState<Category[]>([]);
  const [tree, setTree] = useState<PlaceNode[]>([]);
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [buildingId, setBuildingId] = useState(defaultBuildingId);
  const [urgency, setUrgency] = useState<Urgency>('normal');
  const [errors, setErrors] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const key = useRef(newIdempotencyKey());
  const inFlight = useRef(false);

  useEffect(() => {
    api.categories().then((r) => setCategories(r.items), (e) => setErrors([e.message]));
    api.places().then((r) => setTree(r.items), (e) => setErrors([e.message]));
  }, []);
  useEffect(() => setBuildingId(defaultBuildingId), [defaultBuildingId]);

  const submit = async () => {
    if (inFlight.current) return;
    const parsed = WishCreateBody.safeParse({
      description, category, buildingId, urgency,
      ...(onBehalfOf ? { onBehalfOf, ...(consent ? { consent: true } : {}) } : {}),
    });
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))];
      setErrors(fields.map((f) => (f === 'description' ? '请写下心愿内容(至少4个字)' : f === 'consent' ? '请先确认居民已同意' : `请选择${FIELD_NAMES[f] ?? f}`)));
      return;
    }
    inFlight.current = true;
    setSubmitting(true);
    setErrors([]);
    try {
      const detail = await api.submitWish(parsed.data, key.current);
      key.current = newIdempotencyKey();
      setDescription('');
      onCreated(detail);
    } catch (e) {
      // The key is kept: pressing submit again retries the same wish.
      setErrors([e instanceof ApiError ? e.message : '提交没有成功,请再试一次']);
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  return (
    <View className='wish-form'>
      <View className='section'>需要帮什么忙?</View>
      <View className='wrap'>
        {categories.map((c) => (
          <Button key={c.id} className={`btn category ${category === c.id ? 'selected' : ''}`} data-category={c.id} onClick={() => setCategory(c.id)}>
            {c.name}
          </Button>
        ))}
      </View>
      <View className='section'>说说具体情况</View>
      <Textarea
        className='textarea description'
        value={description}
        maxlength={500}
        placeholder='例如:厨房的灯不亮了,换了灯泡也不行'
        onInput={(e) => setDescription(e.detail.value)}
      />
      <View className='muted'>{description.length}/500</View>
      <View className='section'>在哪里?</View>
      <BuildingPicker tree={tree} value={buildingId} onChange={setBuildingId} />
      <View className='section'>着急吗?</View>
      <View className='tabs'>
        <Button className={`btn urgency ${urgency === 'normal' ? 'selected' : ''}`} onClick={() => setUrgency('normal')}>不着急</Button>
        <Button className={`btn urgency ${urgency === 'urgent' ? 'selected' : ''}`} onClick={() => setUrgency('urgent')}>比较急</Button>
      </View>
      {errors.map((e) => (
        <View key={e} className='error'>{e}</View>
      ))}
      {/* No disabled attribute unless submitting: Taro's H5 button takes disabled="false" for disabled. */}
      <Button className='btn primary block submit-wish' disabled={submitting || undefined} onClick={submit}>
        {submitting ? '正在提交…' : '提交心愿'}
      </Button>
    </View>
  );
}
