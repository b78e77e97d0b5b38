// 星级积分设置: the county's criteria weights, star thresholds and tiers (with the theme-day date and dues rounding).
// Checked here with the same rules as the server; only the county administrator saves; a change rates from next month.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DUES_ROUNDING_LABELS, STAR_CRITERION_LABELS, ZMonthlySettings, addMonthsToMonth, starSettingsIssues, type MonthlySettings } from '@yanzhen/domain';
import { Alert, App, Button, Card, Col, Descriptions, Form, InputNumber, Row, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { useCurrentUser } from '../../app/auth';
import { optionsOf } from '../../app/format';

const n = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));

export default function StarSettingsPage() {
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<MonthlySettings>();
  const [issues, setIssues] = useState<string[]>([]);
  const q = useQuery({ queryKey: ['stars', 'settings'], queryFn: () => api.get<MonthlySettings>('/api/stars/settings') });
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data);
  }, [q.data, form]);
  const values = Form.useWatch([], form) as MonthlySettings | undefined;
  const editable = me.role === 'countyAdmin';
  const nextMonth = addMonthsToMonth(dayjs().format('YYYY-MM'), 1);
  const save = useMutation({
    mutationFn: (v: MonthlySettings) => api.put<MonthlySettings>('/api/stars/settings', v),
    onSuccess: (r) => {
      message.success(r.stars.version !== q.data?.stars.version ? `已保存为积分规则第${r.stars.version}版，自 ${nextMonth} 起计算星级` : '已保存');
      void qc.invalidateQueries({ queryKey: ['stars'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const submit = (raw: MonthlySettings) => {
    const v = { ...q.data!, ...raw, stars: { ...q.data!.stars, ...raw.stars, version: q.data!.stars.version } };
    const parsed = ZMonthlySettings.safeParse(v);
    const found = parsed.success ? starSettingsIssues(parsed.data.stars).map((i) => i.message) : parsed.error.issues.map((i) => i.message);
    setIssues(found);
    if (found.length === 0 && parsed.success) save.mutate(parsed.data);
  };
  const s = values?.stars;
  const inServiceMax = s ? n(s.basePoints) + n(s.inService?.themeDay) + n(s.inService?.dues) + n(s.inService?.discipline) + n(s.inService?.excellence) + n(s.inService?.communityCheckIn) : 0;
  const mobileMax = s ? n(s.basePoints) + n(s.mobile?.report) + n(s.mobile?.dues) : 0;
  const num = (name: (string | number)[], label: string, max = 100) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
      <InputNumber min={0} max={max} precision={0} style={{ width: '100%' }} disabled={!editable} aria-label={label} />
    </Form.Item>
  );

  return (
    <Card title="星级积分设置" loading={q.isLoading} extra={q.data && <Typography.Text type="secondary">当前为积分规则第{q.data.stars.version}版</Typography.Text>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={`积分规则修改后生成新版本，自下月（${nextMonth}）起计算星级；本月及以前各月保留原版本。${editable ? '' : '只有县委组织部管理员可以修改。'}`} />
        <Form form={form} layout="vertical" onFinish={submit} data-testid="star-settings-form">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Card size="small" title={`在职党员（满分 ${inServiceMax}）`}>
                {num(['stars', 'basePoints'], '基础分')}
                {(['themeDay', 'dues', 'discipline', 'excellence', 'communityCheckIn'] as const).map((c) => <div key={c}>{num(['stars', 'inService', c], STAR_CRITERION_LABELS[c])}</div>)}
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small" title={`流动党员（满分 ${mobileMax}）`}>
                {(['report', 'dues'] as const).map((c) => <div key={c}>{num(['stars', 'mobile', c], STAR_CRITERION_LABELS[c])}</div>)}
              </Card>
              <Card size="small" title="星级分数线（达到即得）" style={{ marginTop: 16 }}>
                <Row gutter={8}>{[0, 1, 2, 3, 4].map((i) => <Col span={8} key={i}>{num(['stars', 'starThresholds', i], `${i + 1}星`)}</Col>)}</Row>
              </Card>
              <Card size="small" title="年度等次（按全年平均分）" style={{ marginTop: 16 }}>
                <Row gutter={8}>
                  <Col span={8}>{num(['stars', 'tierThresholds', 'excellent'], '优秀')}</Col>
                  <Col span={8}>{num(['stars', 'tierThresholds', 'qualified'], '合格')}</Col>
                  <Col span={8}>{num(['stars', 'tierThresholds', 'basic'], '基本合格')}</Col>
                </Row>
              </Card>
            </Col>
          </Row>
          <Card size="small" title="其他" style={{ marginTop: 16 }}>
            <Row gutter={16}>
              <Col xs={24} md={12}>{num(['themeDayOfMonth'], '主题党日（每月几号）', 28)}</Col>
              <Col xs={24} md={12}>
                <Form.Item name="duesRounding" label="党费取整方式" rules={[{ required: true }]}><Select options={optionsOf(DUES_ROUNDING_LABELS)} disabled={!editable} /></Form.Item>
              </Col>
            </Row>
          </Card>
          {issues.length > 0 && <Alert style={{ marginTop: 16 }} type="error" showIcon title="请修改后再保存" description={<ul style={{ margin: 0 }}>{issues.map((i) => <li key={i}>{i}</li>)}</ul>} data-testid="star-settings-issues" />}
          {editable && <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 16 }}>保存</Button>}
        </Form>
        {q.data && <Descriptions size="small" column={1} items={[{ label: '默认方案', children: '基础分60；在职：1号活动10、交纳党费10、遵规守纪10、岗位争先6、社区报到4；流动：汇报情况20、交纳党费20；60/70/80/90/96分对应1–5星' }]} />}
      </Space>
    </Card>
  );
}
