// The home page's card for a unit: this month's publicity priorities issued by the county, and a way to write one.
import { useQuery } from '@tanstack/react-query';
import type { PriorityPage } from '@yanzhen/domain';
import { Button, Card, List } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../app/api';

export default function PublicityHomeCard() {
  const navigate = useNavigate();
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  const list = useQuery({ queryKey: ['publicity', 'priorities', month, 'home'], queryFn: () => api.get<PriorityPage>('/api/publicity/priorities', { month, pageSize: 5 }) });
  if (!list.data || list.data.total === 0) return null;
  return (
    <Card size="small" title={`本月宣传重点（${list.data.total} 项）`} style={{ marginBottom: 16 }} extra={<Button size="small" type="link" onClick={() => navigate('/publicity?tab=mine')}>报送稿件</Button>} data-testid="publicity-home">
      <List size="small" dataSource={list.data.items} renderItem={(p) => <List.Item><List.Item.Meta title={p.title} description={p.direction} /></List.Item>} />
    </Card>
  );
}
