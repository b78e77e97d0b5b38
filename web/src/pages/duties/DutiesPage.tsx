// 书记履职: my duty list, reviews and rectifications, warnings, templates and (for the county) stars and settings.
import { Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCan, useCurrentUser } from '../../app/auth';
import { DutyAdmin } from './DutyAdmin';
import { ItemDrawer } from './ItemDrawer';
import { MyDuties } from './MyDuties';
import { RectificationList, ReviewList } from './ReviewList';
import { TemplatesAdmin } from './TemplatesAdmin';
import { WarningsList } from './WarningsList';

export default function DutiesPage() {
  const can = useCan();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [openId, setOpenId] = useState<string | null>(null);
  const tabs = [
    can('duties.submit') && { key: 'mine', label: '我的履职清单', children: <MyDuties onOpen={setOpenId} /> },
    can('duties.review') && { key: 'review', label: '审核督导', children: <ReviewList onOpen={setOpenId} /> },
    { key: 'rectifications', label: '问题整改', children: <RectificationList canClose={can('duties.review')} canReport={can('duties.submit')} /> },
    { key: 'warnings', label: '红黄预警', children: <WarningsList /> },
    { key: 'templates', label: '清单模板', children: <TemplatesAdmin canManage={can('duties.manage')} /> },
    can('duties.manage') && { key: 'admin', label: '贴星与设置', children: <DutyAdmin /> },
  ].filter((t): t is { key: string; label: string; children: React.JSX.Element } => !!t);
  // A secretary opens on their own list; supervisors and administrators on what waits for their review.
  const landing = me.role !== 'branchSecretary' && can('duties.review') ? 'review' : tabs[0].key;
  const active = tabs.some((t) => t.key === params.get('tab')) ? params.get('tab')! : landing;
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>书记抓党建履职</Typography.Title>
      <Tabs activeKey={active} onChange={(k) => setParams({ tab: k }, { replace: true })} items={tabs} destroyOnHidden />
      <ItemDrawer id={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}
