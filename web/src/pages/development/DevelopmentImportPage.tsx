// 导入发展档案: template, upload, the validation errors by row and column, then confirm (all or nothing).
import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Result, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, download, errorMessage } from '../../app/api';
import { useImportJob } from '../../app/import-job';

export default function DevelopmentImportPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useImportJob(['development', 'import'], jobId ? `/api/development/import/${jobId}` : null);
  const j = job.data;

  const upload = async (file: File) => {
    setBusy(true);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      setJobId((await api.upload<{ jobId: string }>('/api/development/import', form)).jobId);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    setBusy(true);
    try {
      await api.post(`/api/development/import/${jobId}/confirm`);
      await job.refetch();
      void qc.invalidateQueries({ queryKey: ['development'] });
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/development')}>返回</Button>
        <Typography.Title level={4} style={{ margin: 0 }}>导入进行中的发展档案</Typography.Title>
        <Button icon={<DownloadOutlined />} onClick={() => void download('/api/development/import/template', undefined, '发展党员档案导入模板.xlsx')}>下载模板</Button>
      </Space>
      <Typography.Paragraph type="secondary">
        每行一人，填写已办理步骤的日期（递交申请书、谈话、确定积极分子、确定发展对象、支部大会、上级党委审批）。已发放入党志愿书的填写编号（本县代码 + 年份 + 5位序号，已召开支部大会的必填），编号须在全县唯一，导入后记入编号登记簿。每一行都按发展党员的规定校验；有任何错误时整个文件都不导入。
      </Typography.Paragraph>
      {(!j || j.status === 'failed' || j.status === 'done') && (
        <Upload.Dragger accept=".xlsx" showUploadList={false} disabled={busy} beforeUpload={(f) => (void upload(f), false)}>
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p>点击或拖入 Excel（.xlsx）文件</p>
        </Upload.Dragger>
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
        <Result status="info" title={`校验通过：将导入 ${j.summary?.toInsert ?? 0} 份发展档案`} extra={<Button type="primary" loading={busy} onClick={() => void confirm()}>确认导入</Button>} />
      )}
      {j?.status === 'done' && <Result status="success" title={`已导入 ${j.result?.inserted ?? 0} 份发展档案`} extra={<Button onClick={() => navigate('/development')}>查看发展党员进度</Button>} />}
    </Space>
  );
}
