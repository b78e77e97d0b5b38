// A member looked up by name or pinyin initials inside the user's scope (the same search as the roster).
import { useQuery } from '@tanstack/react-query';
import type { MemberSummary } from '@yanzhen/domain';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from './api';

/** `withIdNumber`: the label also shows the masked ID number (to tell namesakes apart, e.g. when linking an account). */
export function MemberPicker({ id, value, onChange, placeholder, withIdNumber }: { id?: string; value?: string | null; onChange?: (v: string | null) => void; placeholder?: string; withIdNumber?: boolean }) {
  const [q, setQ] = useState('');
  const { data, isFetching } = useQuery({ queryKey: ['members', 'picker', q], queryFn: () => api.get<{ items: MemberSummary[] }>('/api/members', { q, pageSize: 20 }), enabled: q.trim().length > 0 });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      loading={isFetching}
      placeholder={placeholder ?? '输入姓名或拼音首字母查找党员'}
      notFoundContent={q ? '未找到' : '请输入关键字'}
      options={(data?.items ?? []).map((m) => ({ value: m.id, label: withIdNumber ? `${m.name}（${m.orgName}，${m.idNumberMasked}）` : `${m.name}（${m.orgName}）` }))}
    />
  );
}
