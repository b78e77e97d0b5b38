// The rotating check-in QR code shown on the secretary's screen: a fresh signed code every refreshSeconds; the QR holds
// the phone page's address with the code, so scanning it with the phone's camera checks the member in.
import { useQuery } from '@tanstack/react-query';
import type { CheckInCode as Code } from '@yanzhen/domain';
import { Alert, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../app/api';

export function CheckInCode({ themeDayId }: { themeDayId: string }) {
  const { data, error } = useQuery({
    queryKey: ['theme-days', themeDayId, 'code'],
    queryFn: () => api.get<Code>(`/api/theme-days/${themeDayId}/check-in-code`),
    refetchInterval: (q) => (q.state.data?.refreshSeconds ?? 30) * 1000,
    gcTime: 0,
  });
  const [img, setImg] = useState<string | null>(null);
  const url = data ? `${window.location.origin}/m/theme-day?code=${encodeURIComponent(data.token)}` : null;
  useEffect(() => {
    if (!url) return;
    let live = true;
    void QRCode.toDataURL(url, { width: 320, margin: 1, errorCorrectionLevel: 'M' }).then((d) => live && setImg(d));
    return () => {
      live = false;
    };
  }, [url]);
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  return (
    <div style={{ textAlign: 'center' }} data-testid="check-in-code">
      {img ? <img src={img} alt="签到二维码" width={320} height={320} style={{ maxWidth: '100%' }} /> : <div style={{ height: 320 }} />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        请党员用手机扫码签到。二维码每 {data?.refreshSeconds ?? 30} 秒更新，拍照转发无效。
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>签到码（手机无法扫码时可复制，随二维码一同更新）：</Typography.Text>
      <Typography.Paragraph type="secondary" copyable={data ? { text: data.token, tooltips: ['复制签到码', '已复制'] } : false} style={{ fontSize: 11, wordBreak: 'break-all' }} data-testid="check-in-token">
        {data?.token}
      </Typography.Paragraph>
    </div>
  );
}
