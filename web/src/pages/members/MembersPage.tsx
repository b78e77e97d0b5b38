// 组织与党员: the org tree on the left (a select on phones), the member list of the selected subtree on the right.
import { DownloadOutlined, FilterOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  EDUCATION_LABELS,
  GENDER_LABELS,
  MEMBER_CATEGORY_LABELS,
  MEMBERSHIP_STATUS_LABELS,
  type MemberSummary,
} from '@yanzhen/domain';
import { Button, Card, Col, Grid, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../app/api';
import { useCan } from '../../app/auth';
import { label, optionsOf } from '../../app/format';
import { ExportDialog } from './ExportDialog';
import { OrgActions } from './OrgActions';
import { OrgSelect, OrgTreePanel, useOrgTree } from './org-tree';

type MemberList = { items: MemberSummary[]; total: number; totalCapped: boolean; page: number; pageSize: number };

/** “共 1234 人”, or “超过 10,000 人” when the server stopped counting a broad match at its cap. */
function totalText(list: MemberList | undefined): string {
  return list?.totalCapped ? `超过 ${list.total.toLocaleString('zh-CN')} 人` : `共 ${list?.total ?? 0} 人`;
}

const FILTER_KEYS = ['q', 'orgId', 'category', 'status', 'gender', 'education', 'ageMin', 'ageMax', 'joinYearMin', 'joinYearMax'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

export default function MembersPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const can = useCan();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  // Below 1600 px (a 1366 office screen) the tree is narrower and 性别/学历 leave the table (both are in the file
  // and in the filters), so 状态, 类别 and 所在支部 stay in view without scrolling sideways.
  const wide = screens.xxl === true;
  const tree = useOrgTree();
  const [showFilters, setShowFilters] = useState(false);
  const [exporting, setExporting] = useState(false);

  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined])) as Record<FilterKey, string | undefined>;
  const orgId = filters.orgId ?? tree.data?.roots[0]?.id;
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const sort = params.get('sort') ?? undefined;
  const query = { ...filters, orgId, page, pageSize, sort };

  const list = useQuery({
    queryKey: ['members', 'list', query],
    queryFn: () => api.get<MemberList>('/api/members', query),
    placeholderData: keepPreviousData,
    enabled: Boolean(orgId),
  });

  const update = (changes: Record<string, string | number | undefined | null>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };

  const { page: _p, pageSize: _s, ...exportFilters } = query;

  const sortOrder = (field: string) => (sort === field ? 'ascend' : sort === `-${field}` ? 'descend' : null);
  const columns: TableProps<MemberSummary>['columns'] = [
    { title: '姓名', dataIndex: 'name', key: 'name', fixed: 'left', width: 80, ellipsis: true, sorter: true, sortOrder: sortOrder('name'), render: (v: string, r) => <Link to={`/members/${r.id}`}>{v}</Link> },
    { title: '性别', dataIndex: 'gender', width: 56, responsive: ['xxl'], render: (v: string) => label(GENDER_LABELS, v) },
    { title: '年龄', dataIndex: 'age', key: 'birthDate', width: 68, sorter: true, sortOrder: sort === 'birthDate' ? 'descend' : sort === '-birthDate' ? 'ascend' : null },
    { title: '身份证号', dataIndex: 'idNumberMasked', width: 168 },
    { title: '联系电话', dataIndex: 'phoneMasked', width: 116, render: (v: string | null) => v ?? '—' },
    { title: '学历', dataIndex: 'education', width: 96, responsive: ['xxl'], render: (v: string) => label(EDUCATION_LABELS, v) },
    { title: '入党日期', dataIndex: 'joinDate', key: 'joinDate', width: 104, sorter: true, sortOrder: sortOrder('joinDate') },
    { title: '状态', dataIndex: 'status', width: 84, render: (v: string) => <Tag color={v === 'full' ? 'red' : 'orange'}>{label(MEMBERSHIP_STATUS_LABELS, v)}</Tag> },
    { title: '类别', dataIndex: 'categories', width: wide ? 150 : 100, ellipsis: true, render: (v: string[]) => (v.length ? v.map((c) => label(MEMBER_CATEGORY_LABELS, c)).join('、') : '—') },
    { title: '所在支部', dataIndex: 'orgName', width: wide ? 200 : 120, ellipsis: true },
  ];

  const onTableChange: TableProps<MemberSummary>['onChange'] = (pagination, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    let nextSort: string | undefined;
    if (s?.order && s.columnKey) {
      const key = String(s.columnKey);
      // 年龄 ascending means the latest birth date first.
      const asc = key === 'birthDate' ? s.order === 'descend' : s.order === 'ascend';
      nextSort = asc ? key : `-${key}`;
    }
    update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20, sort: nextSort }, false);
  };

  const selectedNode = orgId ? tree.data?.byId.get(orgId) : undefined;

  const filterBar = (
    <Row gutter={[8, 8]} style={{ marginBottom: 8 }}>
      <Col xs={12} md={6} xl={4}>
        <Select allowClear placeholder="党员类别" style={{ width: '100%' }} value={filters.category} onChange={(v) => update({ category: v })} options={optionsOf(MEMBER_CATEGORY_LABELS)} />
      </Col>
      <Col xs={12} md={6} xl={4}>
        <Select allowClear placeholder="党员状态" style={{ width: '100%' }} value={filters.status} onChange={(v) => update({ status: v })} options={optionsOf(MEMBERSHIP_STATUS_LABELS)} />
      </Col>
      <Col xs={12} md={6} xl={3}>
        <Select allowClear placeholder="性别" style={{ width: '100%' }} value={filters.gender} onChange={(v) => update({ gender: v })} options={optionsOf(GENDER_LABELS)} />
      </Col>
      <Col xs={12} md={6} xl={4}>
        <Select allowClear placeholder="学历" style={{ width: '100%' }} value={filters.education} onChange={(v) => update({ education: v })} options={optionsOf(EDUCATION_LABELS)} />
      </Col>
      <Col xs={24} md={12} xl={4}>
        <Space.Compact style={{ width: '100%' }}>
          <InputNumber placeholder="年龄从" min={0} max={150} style={{ width: '50%' }} value={filters.ageMin ? Number(filters.ageMin) : null} onChange={(v) => update({ ageMin: v })} />
          <InputNumber placeholder="至" min={0} max={150} style={{ width: '50%' }} value={filters.ageMax ? Number(filters.ageMax) : null} onChange={(v) => update({ ageMax: v })} />
        </Space.Compact>
      </Col>
      <Col xs={24} md={12} xl={5}>
        <Space.Compact style={{ width: '100%' }}>
          <InputNumber placeholder="入党年份从" min={1921} max={2100} style={{ width: '50%' }} value={filters.joinYearMin ? Number(filters.joinYearMin) : null} onChange={(v) => update({ joinYearMin: v })} />
          <InputNumber placeholder="至" min={1921} max={2100} style={{ width: '50%' }} value={filters.joinYearMax ? Number(filters.joinYearMax) : null} onChange={(v) => update({ joinYearMax: v })} />
        </Space.Compact>
      </Col>
    </Row>
  );

  const right = (
    <Card
      size="small"
      title={
        <span style={{ whiteSpace: 'normal' }}>
          {selectedNode ? `${selectedNode.name}` : '党员名册'}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginLeft: 8, fontSize: 13 }} data-testid="member-total">
            {totalText(list.data)}
          </Typography.Text>
        </span>
      }
      extra={!isPhone && <OrgActions orgId={orgId} onChanged={(id) => update({ orgId: id })} />}
    >
      {isPhone && (
        <div style={{ marginBottom: 8 }}>
          <OrgActions orgId={orgId} onChanged={(id) => update({ orgId: id })} />
        </div>
      )}
      <div className="yz-toolbar" style={{ marginBottom: 8 }}>
        <Input.Search
          key={filters.q ?? ''}
          allowClear
          defaultValue={filters.q}
          placeholder={can('members.viewSensitive') ? '姓名/拼音首字母/身份证后4位/手机号' : '姓名/拼音首字母'}
          onSearch={(v) => update({ q: v.trim() })}
          style={{ width: isPhone ? '100%' : 300 }}
          data-testid="member-search"
        />
        <Button size={isPhone ? 'small' : 'middle'} icon={<FilterOutlined />} onClick={() => setShowFilters((s) => !s)} type={showFilters ? 'primary' : 'default'} ghost={showFilters}>
          筛选
        </Button>
        {!isPhone && <span style={{ flex: 1 }} />}
        {can('members.write') && (
          <Button size={isPhone ? 'small' : 'middle'} type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/members/new${orgId ? `?orgId=${orgId}` : ''}`)}>
            新增党员
          </Button>
        )}
        {can('members.import') && (
          <Button size={isPhone ? 'small' : 'middle'} icon={<UploadOutlined />} onClick={() => navigate('/members/import')}>
            导入
          </Button>
        )}
        {can('members.export') && (
          <Button size={isPhone ? 'small' : 'middle'} icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="member-export">
            导出
          </Button>
        )}
      </div>
      {showFilters && filterBar}
      <ExportDialog open={exporting} filters={exportFilters} onClose={() => setExporting(false)} />
      <Table<MemberSummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        onChange={onTableChange}
        scroll={{ x: (columns ?? []).reduce((sum, c) => sum + (wide || !c.responsive ? Number(c.width ?? 0) : 0), 0) }}
        pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: () => totalText(list.data), size: 'small' }}
        locale={{ emptyText: list.error ? `加载失败：${errorMessage(list.error)}` : '暂无党员' }}
      />
    </Card>
  );

  if (isPhone) {
    return (
      <div>
        <div style={{ marginBottom: 8 }}>
          <OrgSelect value={orgId} onChange={(id) => update({ orgId: id })} placeholder="选择组织" />
        </div>
        {right}
      </div>
    );
  }
  return (
    <Row gutter={12} wrap={false}>
      <Col flex={wide ? '280px' : '240px'} style={{ minWidth: 0 }}>
        <Card size="small" title="组织架构">
          <OrgTreePanel selectedId={orgId} onSelect={(id) => update({ orgId: id })} height={window.innerHeight - 220} />
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        {right}
      </Col>
    </Row>
  );
}
