// An org picker that reaches any depth of the tree by loading a node's children when it is opened (the county's tree
// can hold tens of thousands of orgs; only what is opened is fetched). Each load asks for two levels, so a child knows
// whether it has children of its own (its expand arrow).
import { useQuery } from '@tanstack/react-query';
import type { OrgNode } from '@yanzhen/domain';
import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../app/api';

type Row = { id: string; pId: string | null; value: string; title: string; isLeaf: boolean };

/** The children of `parentId` among a two-level load rooted at it. */
const childrenOf = (items: OrgNode[], parentId: string): Row[] =>
  items.filter((o) => o.type !== 'group' && o.parentId === parentId).map((o) => ({ id: o.id, pId: parentId, value: o.id, title: o.name, isLeaf: o.childCount === 0 }));

export function LazyOrgSelect({ value, onChange, placeholder, style }: { value?: string; onChange: (id: string | undefined) => void; placeholder?: string; style?: React.CSSProperties }) {
  const top = useQuery({ queryKey: ['orgs', 'tree', 'lazy-top'], queryFn: () => api.get<{ items: OrgNode[] }>('/api/orgs/tree', { depth: 2 }) });
  const [rows, setRows] = useState<Row[]>([]);
  const [loaded, setLoaded] = useState<Set<string>>(new Set());
  useEffect(() => {
    if (!top.data) return;
    const items = top.data.items;
    const rootDepth = items[0]?.depth ?? 0;
    // The root and its children; the children's own children come when they are opened.
    setRows(items.filter((o) => o.type !== 'group' && o.depth <= rootDepth + 1).map((o) => ({ id: o.id, pId: o.depth === rootDepth ? null : o.parentId, value: o.id, title: o.name, isLeaf: o.childCount === 0 })));
    setLoaded(new Set(items.filter((o) => o.depth === rootDepth).map((o) => o.id)));
  }, [top.data]);

  async function loadData(node: { value?: unknown }) {
    const id = String(node.value);
    if (loaded.has(id)) return;
    const { items } = await api.get<{ items: OrgNode[] }>('/api/orgs/tree', { rootId: id, depth: 2 });
    const kids = childrenOf(items, id);
    setRows((prev) => [...prev, ...kids.filter((k) => !prev.some((p) => p.id === k.id))]);
    setLoaded((prev) => new Set(prev).add(id));
  }

  return (
    <TreeSelect
      data-testid="supervisor-org-select"
      value={value}
      onChange={(v: string | undefined) => onChange(v)}
      treeDataSimpleMode
      treeData={rows}
      loadData={loadData}
      placeholder={placeholder}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={rows.filter((r) => r.pId === null).map((r) => r.id)}
      popupMatchSelectWidth={false}
      virtual={false}
      listHeight={360}
      style={style}
      allowClear
    />
  );
}
