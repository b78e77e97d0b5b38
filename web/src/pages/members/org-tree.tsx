// The organization tree: fetched flat from /api/orgs/tree, built client-side, searchable; also a TreeSelect for forms.
import { useQuery } from '@tanstack/react-query';
import type { OrgNode } from '@yanzhen/domain';
import { Input, Tree, TreeSelect, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo, useState, type Key } from 'react';
import { api } from '../../app/api';

export type OrgTreeNode = OrgNode & { children: OrgTreeNode[] };

export function useOrgTree() {
  return useQuery({
    queryKey: ['orgs', 'tree'],
    queryFn: () => api.get<{ items: OrgNode[] }>('/api/orgs/tree'),
    select: (data) => buildTree(data.items),
    staleTime: 60_000,
  });
}

export function buildTree(items: OrgNode[]): { roots: OrgTreeNode[]; byId: Map<string, OrgTreeNode> } {
  const byId = new Map<string, OrgTreeNode>();
  for (const item of items) byId.set(item.id, { ...item, children: [] });
  const roots: OrgTreeNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return { roots, byId };
}

const matches = (n: OrgNode, q: string) => n.name.includes(q) || (n.shortName ?? '').includes(q);

/** Keeps the nodes that match and their ancestors; returns the ids to expand. */
function filterTree(nodes: OrgTreeNode[], q: string, expand: Set<string>): OrgTreeNode[] {
  const out: OrgTreeNode[] = [];
  for (const n of nodes) {
    const kids = filterTree(n.children, q, expand);
    if (matches(n, q) || kids.length > 0) {
      if (kids.length > 0) expand.add(n.id);
      out.push({ ...n, children: kids });
    }
  }
  return out;
}

/** Members shown beside an org: its subtree's; a party group's own members (they are counted with the branch, so a
 * group's subtree total from the server is 0, while its direct count holds the members assigned to it). */
export const memberCountOf = (n: Pick<OrgTreeNode, 'type' | 'memberCount' | 'subtreeMemberCount'>): number => (n.type === 'group' ? n.memberCount : n.subtreeMemberCount);

const toData = (nodes: OrgTreeNode[]): DataNode[] =>
  nodes.map((n) => ({
    key: n.id,
    title: `${n.name} (${memberCountOf(n)})`,
    children: n.children.length ? toData(n.children) : undefined,
    isLeaf: n.children.length === 0,
  }));

export function OrgTreePanel({ selectedId, onSelect, height = 560 }: { selectedId: string | undefined; onSelect: (id: string) => void; height?: number }) {
  const { data, isLoading } = useOrgTree();
  const [q, setQ] = useState('');
  const [expanded, setExpanded] = useState<Key[] | null>(null);

  const view = useMemo(() => {
    if (!data) return { treeData: [] as DataNode[], expand: [] as string[] };
    const term = q.trim();
    if (!term) return { treeData: toData(data.roots), expand: data.roots.map((r) => r.id) };
    const expand = new Set<string>();
    return { treeData: toData(filterTree(data.roots, term, expand)), expand: [...expand] };
  }, [data, q]);

  return (
    <div>
      <Input.Search allowClear placeholder="搜索组织名称" onChange={(e) => {
        setQ(e.target.value);
        setExpanded(null);
      }} style={{ marginBottom: 8 }} />
      {isLoading ? (
        <Typography.Text type="secondary">加载中…</Typography.Text>
      ) : (
        <Tree
          blockNode
          height={height}
          treeData={view.treeData}
          selectedKeys={selectedId ? [selectedId] : []}
          expandedKeys={expanded ?? view.expand}
          onExpand={(keys) => setExpanded(keys)}
          onSelect={(keys) => keys[0] && onSelect(String(keys[0]))}
          data-testid="org-tree"
        />
      )}
    </div>
  );
}

type SelectNode = { value: string; title: string; children?: SelectNode[]; disabled?: boolean };

/** A TreeSelect over the tree; `selectable` limits which nodes may be chosen (e.g. only branches). */
export function OrgSelect({
  value,
  onChange,
  selectable,
  placeholder = '请选择组织',
  allowClear,
  style,
  id,
}: {
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  selectable?: (n: OrgNode) => boolean;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
}) {
  const { data } = useOrgTree();
  const treeData = useMemo(() => {
    const conv = (nodes: OrgTreeNode[]): SelectNode[] =>
      nodes.map((n) => ({ value: n.id, title: `${n.name} (${memberCountOf(n)})`, disabled: selectable ? !selectable(n) : false, children: n.children.length ? conv(n.children) : undefined }));
    return data ? conv(data.roots) : [];
  }, [data, selectable]);
  return (
    <TreeSelect
      id={id}
      // Until the tree has loaded the select has no name for the id: it shows the placeholder, not the raw id.
      value={data ? (value ?? undefined) : undefined}
      loading={!data}
      onChange={(v: string | undefined) => onChange?.(v)}
      treeData={treeData}
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={placeholder}
      allowClear={allowClear}
      treeDefaultExpandAll={false}
      treeDefaultExpandedKeys={data?.roots.map((r) => r.id)}
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
