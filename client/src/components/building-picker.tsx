import { Button, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import type { PlaceNode } from '@shared/schemas/places';

const KIND_LABEL = { street: '街道', community: '社区', grid: '网格', building: '楼栋' } as const;

function pathTo(tree: PlaceNode[], id: string): PlaceNode[] {
  for (const node of tree) {
    if (node.id === id) return [node];
    const below = pathTo(node.children, id);
    if (below.length) return [node, ...below];
  }
  return [];
}

/** street → community → grid → building as big rows, one level at a time: no map, no tiny wheel. */
export function BuildingPicker({ tree, value, onChange }: { tree: PlaceNode[]; value: string; onChange: (id: string) => void }) {
  const chosen = useMemo(() => pathTo(tree, value), [tree, value]);
  const [open, setOpen] = useState(!value);
  const [trail, setTrail] = useState<PlaceNode[]>([]);
  const level = trail.length ? trail[trail.length - 1].children : tree;

  if (!open) {
    return (
      <View className="card">
        <View className="text building-chosen">{chosen.map((p) => p.name).join(' ')}</View>
        <Button
          className="btn block"
          onClick={() => {
            setTrail([]);
            setOpen(true);
          }}
        >
          更换楼栋
        </Button>
      </View>
    );
  }
  return (
    <View className="card">
      <View className="muted">{trail.length ? trail.map((p) => p.name).join(' › ') : '请选择街道'}</View>
      {level.map((node) => (
        <View
          key={node.id}
          className="choice place-choice"
          data-place-id={node.id}
          onClick={() => {
            if (node.kind === 'building') {
              onChange(node.id);
              setOpen(false);
            } else setTrail([...trail, node]);
          }}
        >
          {node.name}{' '}
          <View className="muted" style={{ marginLeft: 'auto' }}>
            {KIND_LABEL[node.kind]}
          </View>
        </View>
      ))}
      {trail.length > 0 && (
        <Button className="btn block" onClick={() => setTrail(trail.slice(0, -1))}>
          返回上一级
        </Button>
      )}
    </View>
  );
}
