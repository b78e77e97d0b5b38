// Queries and labels shared by the duty-list screens.
import type { DutyItem, DutyItemDetail } from '@yanzhen/domain';
import { Tag } from 'antd';

export const VIEW_TAGS: Record<DutyItem['view'], { color: string; text: string }> = {
  upcoming: { color: 'default', text: '未到期' },
  due: { color: 'blue', text: '待完成' },
  late: { color: 'red', text: '已逾期' },
  returned: { color: 'orange', text: '已退回' },
  submitted: { color: 'gold', text: '待审核' },
  accepted: { color: 'green', text: '已通过' },
  cancelled: { color: 'default', text: '已取消' },
};

export function ViewTag({ item }: { item: Pick<DutyItem, 'view' | 'onTime'> }) {
  const t = VIEW_TAGS[item.view];
  return (
    <Tag color={t.color} style={{ marginInlineEnd: 0 }}>
      {t.text}
      {item.view === 'accepted' && item.onTime === false ? '（逾期完成）' : ''}
    </Tag>
  );
}

export const FREQ_TEXT = { yearly: '年度', quarterly: '季度', monthly: '月度' } as const;
export const periodText = (item: Pick<DutyItem, 'periodKey' | 'frequency'>) =>
  item.frequency === 'yearly' ? `${item.periodKey}年` : item.frequency === 'quarterly' ? item.periodKey.replace('-Q', '年第') + '季度' : `${item.periodKey.slice(0, 4)}年${Number(item.periodKey.slice(5))}月`;

export const itemKey = (id: string) => ['duties', 'item', id] as const;
export type { DutyItem, DutyItemDetail };
