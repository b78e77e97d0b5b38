// The visit form (date, 定期走访/三送/五必访 with the county's occasions, content, assistance), on the console and the phone.
import { VISIT_KIND_LABELS, VISIT_OCCASIONS, type VisitKind } from '@yanzhen/domain';
import { Button, DatePicker, Form, Input, Segmented, Select } from 'antd';
import dayjs from 'dayjs';

export function VisitForm({ onSubmit, pending }: { onSubmit: (v: { visitedOn: string; kind: VisitKind; occasion: string; content: string; assistance: string }) => void; pending: boolean }) {
  const [form] = Form.useForm();
  const kind = (Form.useWatch('kind', form) as VisitKind | undefined) ?? 'visit';
  return (
    <Form form={form} layout="vertical" initialValues={{ visitedOn: dayjs(), kind: 'visit', occasion: VISIT_OCCASIONS.visit[0] }} onFinish={(v) => onSubmit({ ...v, visitedOn: v.visitedOn.format('YYYY-MM-DD'), assistance: v.assistance ?? '' })}>
      <Form.Item name="visitedOn" label="走访日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>
      <Form.Item name="kind" label="类别"><Segmented block options={(Object.keys(VISIT_KIND_LABELS) as VisitKind[]).map((k) => ({ value: k, label: VISIT_KIND_LABELS[k] }))} onChange={(k) => form.setFieldValue('occasion', VISIT_OCCASIONS[k as VisitKind][0])} /></Form.Item>
      <Form.Item name="occasion" label="事由"><Select aria-label="事由" options={VISIT_OCCASIONS[kind].map((o) => ({ value: o, label: o }))} /></Form.Item>
      <Form.Item name="content" label="走访内容" rules={[{ required: true, min: 2, message: '请填写走访内容（至少2个字）' }]}><Input.TextArea rows={3} maxLength={1000} placeholder="了解的情况、送去的物品或学习内容" aria-label="走访内容" /></Form.Item>
      <Form.Item name="assistance" label="帮办事项（可选）"><Input maxLength={500} placeholder="如：协助办理养老和高龄补助" /></Form.Item>
      <Button type="primary" htmlType="submit" block loading={pending}>保存走访记录</Button>
    </Form>
  );
}

