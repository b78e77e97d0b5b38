// 双报到: register with my residential community and record the service I do there; the community confirms it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CommunityOptions, MyCommunity } from '@yanzhen/domain';
import { Alert, Button, Input, InputNumber, Pagination, Select, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../app/api';
import { useServerPage } from '../app/paging';

const STATUS: Record<string, { text: string; color: string }> = { submitted: { text: '待社区确认', color: 'processing' }, confirmed: { text: '已确认', color: 'success' }, rejected: { text: '未确认', color: 'error' } };
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export default function MobileCommunityPage() {
  const qc = useQueryClient();
  const { data, isLoading, error } = useQuery({ queryKey: ['me', 'community'], queryFn: () => api.get<MyCommunity>('/api/me/community') });
  // The community is picked from the county's community party orgs: only a community in the tree can confirm service.
  const [picked, setPicked] = useState<CommunityOptions['items'][number] | null>(null);
  const [search, setSearch] = useState('');
  const [changing, setChanging] = useState(false);
  const needsPick = !data?.registration || changing;
  // A page of the matching communities; the pager under the list says how many match in all.
  const optionPage = useServerPage(search, 20);
  const options = useQuery({
    queryKey: ['me', 'community', 'options', search, optionPage.query],
    queryFn: () => api.get<CommunityOptions>('/api/me/community/options', { ...(search ? { q: search } : {}), ...optionPage.query }),
    enabled: needsPick,
  });
  const [content, setContent] = useState('');
  const [hours, setHours] = useState<number | null>(2);
  const [date, setDate] = useState(today());
  const done = (d: MyCommunity) => qc.setQueryData(['me', 'community'], d);
  const register = useMutation({
    mutationFn: () => api.put<MyCommunity>('/api/me/community/registration', { communityName: picked!.name, communityOrgId: picked!.id }),
    onSuccess: (d) => {
      done(d);
      setChanging(false);
    },
  });
  const record = useMutation({
    mutationFn: () => api.post<MyCommunity>('/api/me/community/services', { servedOn: date, content, hoursTenths: Math.round((hours ?? 0) * 10) }),
    onSuccess: (d) => {
      done(d);
      setContent('');
      void qc.invalidateQueries({ queryKey: ['me', 'stars'] });
    },
  });
  if (isLoading) return <Skeleton active />;
  if (error || !data) return <Alert type="error" showIcon title={errorMessage(error)} />;
  return (
    <div data-testid="m-community">
      <div className="yz-m-card">
        <h3>到居住地社区报到</h3>
        {data.registration && !changing ? (
          <>
            <div>已报到：<b>{data.registration.communityName}</b>（{data.registration.registeredOn}）</div>
            {!data.registration.communityOrgId && (
              <Alert style={{ marginTop: 8 }} type="warning" showIcon title="所填社区不在本县社区党组织名单中，服务记录无法由社区确认，请重新选择社区" />
            )}
            <Button type="link" style={{ paddingLeft: 0 }} onClick={() => setChanging(true)}>更换社区</Button>
          </>
        ) : (
          <>
            <Select
              showSearch={{ filterOption: false, onSearch: setSearch }}
              style={{ width: '100%' }}
              placeholder="查找并选择居住地社区"
              value={picked?.id}
              loading={options.isFetching}
              notFoundContent={options.isFetching ? '查找中…' : '没有找到该社区，请换个名称查找或联系支部书记'}
              options={(options.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              onChange={(id: string) => setPicked(options.data?.items.find((o) => o.id === id) ?? null)}
              popupRender={(menu) => (
                <>
                  {menu}
                  {options.data && options.data.total > optionPage.pageSize && (
                    <Pagination simple size="small" align="center" style={{ margin: '4px 0' }} {...optionPage.pagination(options.data.total, '个社区')} showSizeChanger={false} />
                  )}
                </>
              )}
              data-testid="m-community-pick"
            />
            <Button type="primary" block style={{ marginTop: 8 }} disabled={!picked} loading={register.isPending} onClick={() => register.mutate()}>报到</Button>
            {register.error && <Alert style={{ marginTop: 8 }} type="error" showIcon title={errorMessage(register.error)} />}
          </>
        )}
      </div>
      {data.registration && (
        <div className="yz-m-card">
          <h3>登记社区服务</h3>
          <Input type="date" value={date} max={today()} onChange={(e) => setDate(e.target.value)} aria-label="服务日期" />
          <Input.TextArea style={{ marginTop: 8 }} rows={3} value={content} onChange={(e) => setContent(e.target.value)} placeholder="服务内容（如 垃圾分类宣传、文明劝导）" maxLength={500} />
          <div style={{ marginTop: 8 }}>时长 <InputNumber min={0.5} max={24} step={0.5} value={hours} onChange={setHours} /> 小时</div>
          <Button type="primary" block style={{ marginTop: 8 }} disabled={content.trim().length < 2 || !hours} loading={record.isPending} onClick={() => record.mutate()}>提交，等待社区确认</Button>
          {record.error && <Alert style={{ marginTop: 8 }} type="error" showIcon title={errorMessage(record.error)} />}
        </div>
      )}
      {data.services.length > 0 && (
        <div className="yz-m-card">
          <h3>服务记录</h3>
          {data.services.map((s) => (
            <div key={s.id} className="yz-m-row">
              <span>{s.servedOn} {s.content}（{s.hoursTenths / 10}小时）</span>
              <Tag color={STATUS[s.status].color}>{STATUS[s.status].text}</Tag>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
