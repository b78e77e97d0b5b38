// 本月主题党日: the plan, my check-in (scanning the secretary's code opens this page with ?code=…, or type it), leave.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CheckInResult, MyThemeDay } from '@yanzhen/domain';
import { Alert, Button, Input, Result, Skeleton, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, errorMessage } from '../app/api';
import { LEAVE_STATUS } from './mobile-format';

export default function MobileThemeDayPage() {
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const { data, isLoading, error } = useQuery({ queryKey: ['me', 'theme-day'], queryFn: () => api.get<MyThemeDay>('/api/me/theme-day') });
  const checkIn = useMutation({
    mutationFn: (token: string) => api.post<CheckInResult>('/api/me/theme-day/check-in', { token }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const leave = useMutation({
    mutationFn: () => api.post('/api/me/theme-day/leave', { themeDayId: data?.themeDay?.id, reason }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['me', 'theme-day'] }),
  });
  // Scanning the code with the phone's camera opens /m/theme-day?code=…: check in at once, then drop the code from the address.
  const sent = useRef(false);
  useEffect(() => {
    const c = params.get('code');
    if (c && !sent.current) {
      sent.current = true;
      checkIn.mutate(c);
      setParams({}, { replace: true });
    }
  }, [params, setParams, checkIn]);

  if (isLoading) return <Skeleton active />;
  if (error || !data) return <Alert type="error" showIcon title={errorMessage(error)} />;
  const td = data.themeDay;
  return (
    <div data-testid="m-theme-day">
      <div className="yz-m-card">
        <h3>{Number(data.month.slice(5))}月主题党日</h3>
        {td ? (
          <>
            <div style={{ fontSize: 16, fontWeight: 600 }}>{td.topic}</div>
            <div className="yz-m-row"><span>时间</span><span>{td.date}</span></div>
            <div className="yz-m-row"><span>地点</span><span>{td.place}</span></div>
            <div style={{ marginTop: 6, whiteSpace: 'pre-wrap' }}>{td.content}</div>
          </>
        ) : (
          <div className="yz-m-muted">{data.orgName}本月的主题党日尚未安排。</div>
        )}
      </div>
      {td && (
        <div className="yz-m-card">
          <h3>签到</h3>
          {data.checkedInAt ? (
            <Result status="success" title="已签到" subTitle={`${new Date(data.checkedInAt).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' })}（${data.method === 'qr' ? '扫码签到' : '书记登记'}）`} style={{ padding: 8 }} data-testid="m-checked-in" />
          ) : (
            <>
              <div className="yz-m-muted" style={{ marginBottom: 8 }}>用手机扫描现场屏幕上的二维码即可签到；也可把二维码下方的签到码粘贴到这里。</div>
              <Input.TextArea rows={2} value={code} onChange={(e) => setCode(e.target.value)} placeholder="签到码" aria-label="签到码" />
              <Button type="primary" block style={{ marginTop: 8 }} loading={checkIn.isPending} disabled={!code.trim()} onClick={() => checkIn.mutate(code.trim())}>
                签到
              </Button>
            </>
          )}
          {checkIn.error && <Alert style={{ marginTop: 8 }} type="error" showIcon title={errorMessage(checkIn.error)} data-testid="m-check-in-error" />}
        </div>
      )}
      {td && !data.checkedInAt && (
        <div className="yz-m-card">
          <h3>请假</h3>
          {data.leave ? (
            <div>
              {data.leave.reason} <Tag color={data.leave.status === 'approved' ? 'green' : data.leave.status === 'rejected' ? 'red' : 'blue'}>{LEAVE_STATUS[data.leave.status]}</Tag>
              {data.leave.status === 'approved' && <div className="yz-m-muted">请在会后按支部安排完成补学。</div>}
            </div>
          ) : (
            <>
              <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="请假事由" maxLength={200} />
              <Button block style={{ marginTop: 8 }} loading={leave.isPending} disabled={reason.trim().length < 2} onClick={() => leave.mutate()}>
                提交请假
              </Button>
              {leave.error && <Alert style={{ marginTop: 8 }} type="error" showIcon title={errorMessage(leave.error)} />}
            </>
          )}
        </div>
      )}
    </div>
  );
}
