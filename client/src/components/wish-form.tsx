import { Button, Checkbox, Label, Textarea, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { Category, PlaceNode } from '@shared/schemas/places';
import type { SimilarWish } from '@shared/schemas/queue';
import { WishCreateBody, type Urgency, type WishDetail, type WishKind } from '@shared/schemas/wishes';
import { api } from '../api/endpoints';
import { FIELD_NAMES } from '../api/messages';
import { ApiError, errorText, newIdempotencyKey } from '../api/request';
import { hasRole, session } from '../api/session';
import { BuildingPicker } from './building-picker';
import { ago } from './labels';
import { LoadError } from './page-shell';

interface Props {
  /** The resident a grid worker files for, with their consent recorded. */
  onBehalfOf?: string;
  consent?: boolean;
  defaultBuildingId: string;
  onCreated: (detail: WishDetail) => void;
  /** The resident joined a neighbour's open wish ("me too") instead of posting: the wish they joined. */
  onJoined?: (detail: WishDetail) => void;
}

/**
 * The wish form: one Idempotency-Key per wish, kept across retries, so a double tap never makes two. A
 * resident may ask the grid worker to call them back (请回电) instead, and is offered to join a neighbour's
 * open wish about the same shared place (我也遇到) before posting it again.
 */
export function WishForm({ onBehalfOf, consent, defaultBuildingId, onCreated, onJoined }: Props) {
  const [categories, setCategories] = useState<Category[]>([]);
  const [tree, setTree] = useState<PlaceNode[]>([]);
  const [loadError, setLoadError] = useState('');
  const [kind, setKind] = useState<WishKind>('wish');
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [buildingId, setBuildingId] = useState(defaultBuildingId);
  const [urgency, setUrgency] = useState<Urgency>('normal');
  const [shared, setShared] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const key = useRef(newIdempotencyKey());
  const inFlight = useRef(false);

  // "Me too": only a resident posting for themselves, whose home the grid worker has verified, reads and joins a neighbour's wish.
  const me = session.user();
  const offersMeToo = !onBehalfOf && kind === 'wish' && !!category && !!buildingId && hasRole(me, 'resident') && !!me?.verified;
  const [similar, setSimilar] = useState<SimilarWish[]>([]);
  const [similarError, setSimilarError] = useState('');
  const [postAnyway, setPostAnyway] = useState('');
  const [joining, setJoining] = useState(false);
  const asked = useRef(0);
  const similarKey = `${buildingId}|${category}`;

  const loadLists = () => {
    setLoadError('');
    Promise.all([api.categories(), api.places()]).then(
      ([c, p]) => {
        setCategories(c.items.filter((x) => x.pickable));
        setTree(p.items);
      },
      (e) => setLoadError(errorText(e, '加载失败,请重试')),
    );
  };
  useEffect(loadLists, []);
  useEffect(() => setBuildingId(defaultBuildingId), [defaultBuildingId]);

  const loadSimilar = () => {
    // A newer choice of building or category makes an older answer stale.
    const mine = ++asked.current;
    setSimilar([]);
    setSimilarError('');
    if (!offersMeToo) return;
    api.similar(buildingId, category).then(
      (r) => mine === asked.current && setSimilar(r.items),
      // Not verified (any more): nothing to offer, and posting goes on as usual.
      (e) =>
        mine === asked.current && !(e instanceof ApiError && e.code === 'NOT_VERIFIED') && setSimilarError(errorText(e, '加载失败,请重试')),
    );
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: the building and category (in similarKey) decide what is similar
  useEffect(loadSimilar, [similarKey, offersMeToo]);

  const join = async (id: string) => {
    if (joining) return;
    setJoining(true);
    setErrors([]);
    try {
      const detail = await api.support(id);
      (onJoined ?? onCreated)(detail);
    } catch (e) {
      setErrors([errorText(e, '没有加入成功,请再试一次')]);
    } finally {
      setJoining(false);
    }
  };

  const submit = async () => {
    if (inFlight.current) return;
    const parsed = WishCreateBody.safeParse(
      kind === 'callback'
        ? { kind, description, buildingId }
        : {
            kind,
            description,
            category,
            buildingId,
            urgency,
            shared,
            ...(onBehalfOf ? { onBehalfOf, ...(consent ? { consent: true } : {}) } : {}),
          },
    );
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))];
      setErrors(
        fields.map((f) =>
          f === 'description' ? '请写下心愿内容(至少4个字)' : f === 'consent' ? '请先确认居民已同意' : `请选择${FIELD_NAMES[f] ?? f}`,
        ),
      );
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
      setErrors([errorText(e, '提交没有成功,请再试一次')]);
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  const offer = offersMeToo && postAnyway !== similarKey && similar.length > 0;
  return (
    <View className="wish-form">
      {loadError && <LoadError message={loadError} onRetry={loadLists} />}
      {!onBehalfOf && (
        <View className="kinds">
          <View className={`choice kind-wish ${kind === 'wish' ? 'selected' : ''}`} onClick={() => setKind('wish')}>
            写下需要帮什么忙
          </View>
          <View className={`choice kind-callback ${kind === 'callback' ? 'selected' : ''}`} onClick={() => setKind('callback')}>
            请网格员给我回电话
          </View>
        </View>
      )}
      {kind === 'wish' && (
        <View>
          <View className="section">需要帮什么忙?</View>
          <View className="wrap">
            {categories.map((c) => (
              <Button
                key={c.id}
                className={`btn category ${category === c.id ? 'selected' : ''}`}
                data-category={c.id}
                onClick={() => setCategory(c.id)}
              >
                {c.name}
              </Button>
            ))}
          </View>
        </View>
      )}
      {offersMeToo && similarError && <LoadError message={similarError} onRetry={loadSimilar} />}
      {offer && (
        <View className="card me-too">
          <View className="card-title">邻居已经反映过类似的问题</View>
          <View className="muted">如果是同一件事,点“我也遇到”一起关注进展,不用再提交一次。</View>
          {similar.map((s) => (
            <View key={s.id} className="me-too-item" data-wish-id={s.id}>
              <View className="text">{s.description}</View>
              <View className="muted">
                {s.buildingName} · {s.ownerName} · {ago(s.createdAt)}
                {s.supporters > 0 ? ` · ${s.supporters}位邻居也遇到` : ''}
              </View>
              <Button className="btn primary block join-wish" disabled={joining || undefined} onClick={() => void join(s.id)}>
                我也遇到
              </Button>
            </View>
          ))}
          <Button className="btn block post-anyway" onClick={() => setPostAnyway(similarKey)}>
            不是同一件事,继续提交
          </Button>
        </View>
      )}
      <View className="section">{kind === 'callback' ? '想先说一句吗?(选填)' : '说说具体情况'}</View>
      <Textarea
        className="textarea description"
        value={description}
        maxlength={500}
        placeholder={kind === 'callback' ? '例如:想问问怎么申请助餐' : '例如:厨房的灯不亮了,换了灯泡也不行'}
        onInput={(e) => setDescription(e.detail.value)}
      />
      <View className="muted">{description.length}/500</View>
      <View className="section">在哪里?</View>
      <BuildingPicker tree={tree} value={buildingId} onChange={setBuildingId} />
      {kind === 'wish' && (
        <View>
          <Label className="card row check-row text shared">
            <Checkbox value="shared" checked={shared} onClick={() => setShared(!shared)} />
            这是楼道、院门口等公共地方的问题,邻居也可以一起关注
          </Label>
          <View className="section">着急吗?</View>
          <View className="tabs">
            <Button className={`btn urgency ${urgency === 'normal' ? 'selected' : ''}`} onClick={() => setUrgency('normal')}>
              不着急
            </Button>
            <Button className={`btn urgency ${urgency === 'urgent' ? 'selected' : ''}`} onClick={() => setUrgency('urgent')}>
              比较急
            </Button>
          </View>
        </View>
      )}
      {kind === 'callback' && <View className="notice callback-note">网格员会尽快给您打电话,按紧急事项办理。</View>}
      {errors.map((e) => (
        <View key={e} className="error">
          {e}
        </View>
      ))}
      {/* No disabled attribute unless submitting: Taro's H5 button takes disabled="false" for disabled. */}
      <Button className="btn primary block submit-wish" disabled={submitting || undefined} onClick={submit}>
        {submitting ? '正在提交…' : kind === 'callback' ? '请网格员回电' : '提交心愿'}
      </Button>
    </View>
  );
}
