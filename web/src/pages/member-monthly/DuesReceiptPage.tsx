// 党费收据: one payment, print-friendly (A5-ish card; the console shell is hidden when printing).
import { useQuery } from '@tanstack/react-query';
import { PAYMENT_METHOD_LABELS, formatYuan, type DuesReceipt } from '@yanzhen/domain';
import { Alert, Button, Space, Spin } from 'antd';
import { useParams } from 'react-router';
import { api, errorMessage } from '../../app/api';
import './dues-receipt.css';

/** `mine`: the member's own receipt from 我的党费 on the phone (/api/me/...), else the branch's console view. */
export default function DuesReceiptPage({ mine = false }: { mine?: boolean }) {
  const { id } = useParams();
  const url = mine ? `/api/me/dues/payments/${id}/receipt` : `/api/dues/payments/${id}/receipt`;
  const q = useQuery({ queryKey: [mine ? 'me' : 'dues', 'receipt', id], queryFn: () => api.get<DuesReceipt>(url) });
  if (q.isLoading) return <Spin />;
  if (q.error || !q.data) return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  const r = q.data;
  const months = r.months.length > 2 ? `${r.months[0]} 至 ${r.months[r.months.length - 1]}（${r.months.length}个月）` : r.months.join('、');
  return (
    <div>
      <Space className="yz-no-print" style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => window.print()}>打印收据</Button>
        <Button onClick={() => window.history.back()}>返回</Button>
      </Space>
      <div className="yz-receipt" data-testid="dues-receipt">
        <h2>党 费 收 据</h2>
        <div className="yz-receipt-head"><span>{r.countyName}</span><span>No. {r.receiptNo}</span></div>
        <table>
          <tbody>
            <tr><th>交纳人</th><td>{r.memberName}</td><th>所在党支部</th><td>{r.orgName}</td></tr>
            <tr><th>所属月份</th><td colSpan={3}>{months}</td></tr>
            <tr><th>金额（大写）</th><td colSpan={3}>人民币{r.amountInWords}</td></tr>
            <tr><th>金额（小写）</th><td>¥{formatYuan(r.amountFen)}</td><th>应交</th><td>¥{formatYuan(r.dueFen)}</td></tr>
            <tr><th>交纳方式</th><td>{PAYMENT_METHOD_LABELS[r.method]}</td><th>交纳日期</th><td>{r.paidOn}</td></tr>
          </tbody>
        </table>
        <div className="yz-receipt-foot"><span>收缴人：{r.collector}</span><span>（党组织盖章）</span></div>
      </div>
    </div>
  );
}
