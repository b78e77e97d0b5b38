// 导入党费基数: the yearly base fixing from Excel — template, upload for a year, errors by row and column, confirm (all or nothing).
import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, InputNumber, Result, Space, Table, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, download, errorMessage } from '../../app/api';
import { useImportJob } from '../../app/import-job';

export default function DuesImportPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [year, setYear] = useState(dayjs().year());
  const [jobId, setJobId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useImportJob(['dues', 'import'], jobId ? `/api/dues/bases/import/${jobId}` : null);
  const j = job.data;

  const upload = async (file: File) => {
    if (!file.name.toLowerCase().endsWith('.xlsx')) return void message.error('请上传 .xlsx 格式的文件（可先下载模板）');
    setBusy(true);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      setJobId((await api.upload<{ jobId: string }>(`/api/dues/bases/import?year=${year}`, form)).jobId);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    setBusy(true);
    try {
      await api.post(`/api/dues/bases/import/${jobId}/confirm`);
      await job.refetch();
      void qc.invalidateQueries({ queryKey: ['dues'] });
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/dues')}>返回</Button>
        <Typography.Title level={4} style={{ margin: 0 }}>导入年度党费基数</Typography.Title>
        <Button icon={<DownloadOutlined />} onClick={() => void download('/api/dues/bases/import/template', undefined, '党费基数导入模板.xlsx').catch((e) => message.error(errorMessage(e)))}>下载模板</Button>
      </Space>
      <Typography.Paragraph type="secondary">
        每行一名党员：姓名、身份证号（与党员名册一致）、党费类别、月交纳基数（元，税后工资扣除五险一金等；离退休人员为基本退休费；农民、学生等可不填）、起始月份（不填为1月；年中调资填新工资起始月）。
        每一行都会校验；有任何错误时整个文件都不导入。已有的同月基数将被更新，已提出的困难减免保持不变。
      </Typography.Paragraph>
      {(!j || j.status === 'failed' || j.status === 'done') && (
        <Card size="small" data-testid="dues-import-card">
          <Space style={{ marginBottom: 12 }}>
            <span>核定年度</span>
            <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} data-testid="dues-import-year" />
          </Space>
          <Upload.Dragger accept=".xlsx" showUploadList={false} disabled={busy} beforeUpload={(f) => (void upload(f), false)} data-testid="dues-import-upload">
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p>点击或拖入 {year} 年党费基数 Excel（.xlsx）文件</p>
          </Upload.Dragger>
        </Card>
      )}
      {j?.status === 'failed' && <Alert type="error" showIcon title={j.message ?? '校验失败'} />}
      {(j?.status === 'validating' || j?.status === 'importing') && <Alert type="info" showIcon title={`处理中：${j.processedRows} / ${j.totalRows} 行`} />}
      {j?.status === 'validated' && j.errorCount > 0 && (
        <Card size="small" title={`发现 ${j.errorCount} 处错误，请修改后重新上传（整个文件未导入）`}>
          <Table rowKey={(r) => `${r.row}-${r.column}-${r.message}`} size="small" dataSource={j.errors} pagination={{ pageSize: 20 }} columns={[{ title: '行', dataIndex: 'row', width: 60 }, { title: '列', dataIndex: 'column', width: 160 }, { title: '问题', dataIndex: 'message' }]} />
          <Button style={{ marginTop: 8 }} onClick={() => setJobId(null)}>重新上传</Button>
        </Card>
      )}
      {j?.status === 'validated' && j.errorCount === 0 && (
        <Result status="info" title={`校验通过：新增 ${j.summary?.toInsert ?? 0} 人、更新 ${j.summary?.toUpdate ?? 0} 人的党费基数`} extra={<Button type="primary" loading={busy} onClick={() => void confirm()}>确认导入</Button>} />
      )}
      {j?.status === 'done' && <Result status="success" title={`已导入：新增 ${j.result?.inserted ?? 0} 人，更新 ${j.result?.updated ?? 0} 人`} extra={<Button onClick={() => navigate('/dues')}>查看党费收缴台账</Button>} />}
    </Space>
  );
}
