// 导入向导: 1 template + upload, 2 validation progress and the error table, 3 confirm (only without errors), 4 result.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Grid, Progress, Result, Space, Statistic, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, download, errorMessage } from '../../app/api';
import { useImportJob, type ImportIssue } from '../../app/import-job';


const SUMMARY_LABELS: Record<string, string> = { toInsert: '新增', unchanged: '无变化', toUpdate: '更新', inserted: '已新增', updated: '已更新', total: '合计' };

export default function ImportPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const isPhone = Grid.useBreakpoint().md === false;
  const [jobId, setJobId] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const job = useImportJob(['import'], jobId ? `/api/members/import/${jobId}` : null);
  const j = job.data;

  const upload = async (file: File) => {
    if (!file.name.toLowerCase().endsWith('.xlsx')) {
      message.error('请上传 .xlsx 格式的文件（可先下载模板）');
      return;
    }
    setUploading(true);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const res = await api.upload<{ jobId: string }>('/api/members/import', form);
      setJobId(res.jobId);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setUploading(false);
    }
  };

  const confirm = async () => {
    if (!jobId) return;
    setConfirming(true);
    try {
      await api.post(`/api/members/import/${jobId}/confirm`);
      await job.refetch();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setConfirming(false);
    }
  };

  const restart = () => {
    setJobId(null);
    void qc.invalidateQueries({ queryKey: ['members'] });
    void qc.invalidateQueries({ queryKey: ['orgs'] });
  };

  const step = !j ? 0 : j.status === 'validating' ? 1 : j.status === 'validated' || j.status === 'failed' ? (j.errorCount === 0 && j.status === 'validated' ? 2 : 1) : 3;
  const percent = j && j.totalRows > 0 ? Math.floor((j.processedRows / j.totalRows) * 100) : 0;

  return (
    <div>
      <div className="yz-page-header">
        <Typography.Title level={4}>批量导入党员</Typography.Title>
      </div>
      <Card size="small">
        <Steps current={step} size="small" responsive={false} titlePlacement={isPhone ? 'vertical' : 'horizontal'} style={{ marginBottom: 24 }} items={[{ title: '上传文件' }, { title: '校验' }, { title: '确认导入' }, { title: '完成' }]} />
        {!jobId && (
          <Space orientation="vertical" style={{ width: '100%' }} size="middle">
            <Alert
              type="info"
              showIcon
              title="请先下载导入模板，按模板填写后上传。"
              description="文件中有任何一处错误，整个文件都不会导入；请按错误清单（行号、列、原因）修改后重新上传。"
            />
            <Button icon={<DownloadOutlined />} onClick={() => download('/api/members/import/template', undefined, '党员导入模板.xlsx').catch((err: unknown) => message.error(errorMessage(err)))}>
              下载导入模板
            </Button>
            <Upload.Dragger
              accept=".xlsx"
              multiple={false}
              showUploadList={false}
              disabled={uploading}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
              data-testid="import-upload"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{uploading ? '正在上传…' : '点击或拖拽 .xlsx 文件到此处上传'}</p>
            </Upload.Dragger>
          </Space>
        )}
        {j && (
          <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="import-job">
            {j.fileName && <Typography.Text type="secondary">文件：{j.fileName}</Typography.Text>}
            {(j.status === 'validating' || j.status === 'importing') && (
              <div>
                <Typography.Text>{j.status === 'validating' ? '正在校验…' : '正在导入…'}</Typography.Text>
                <Progress percent={percent} status="active" />
                <Typography.Text type="secondary">
                  {j.processedRows} / {j.totalRows} 行
                </Typography.Text>
              </div>
            )}
            {j.status === 'failed' && <Alert type="error" showIcon title="文件处理失败" description={j.message ?? '请检查文件后重新上传'} />}
            {j.status === 'validated' && j.errorCount > 0 && (
              <Alert type="error" showIcon title={`校验发现 ${j.errorCount} 处错误，文件未导入`} description="请按下表修改文件后重新上传。" data-testid="import-error-summary" />
            )}
            {j.status === 'validated' && j.errorCount === 0 && (
              <Alert type="success" showIcon title={`校验通过：共 ${j.totalRows} 行，可以导入`} data-testid="import-ok" />
            )}
            {j.summary && j.status === 'validated' && (
              <Space size="large" wrap>
                {Object.entries(j.summary).map(([k, v]) => (
                  <Statistic key={k} title={SUMMARY_LABELS[k] ?? k} value={v} suffix="人" />
                ))}
              </Space>
            )}
            {j.errors.length > 0 && (
              <Table<ImportIssue>
                size="small"
                rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
                dataSource={j.errors}
                pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small' }}
                scroll={{ x: 600 }}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 80 },
                  { title: '列', dataIndex: 'column', width: 140 },
                  { title: '原因', dataIndex: 'message' },
                ]}
                data-testid="import-errors"
              />
            )}
            {j.warnings && j.warnings.length > 0 && <Alert type="warning" showIcon title="提示" description={j.warnings.join('；')} />}
            {j.status === 'done' && (
              <Result
                status="success"
                title="导入完成"
                subTitle={Object.entries(j.result ?? {})
                  .map(([k, v]) => `${SUMMARY_LABELS[k] ?? k} ${v} 人`)
                  .join('，')}
                data-testid="import-done"
              />
            )}
            <Space wrap>
              {j.status === 'validated' && (
                <Button type="primary" disabled={j.errorCount > 0} loading={confirming} onClick={confirm}>
                  确认导入
                </Button>
              )}
              {j.status !== 'validating' && j.status !== 'importing' && <Button onClick={restart}>{j.status === 'done' ? '继续导入' : '重新上传'}</Button>}
              {j.status === 'done' && (
                <Button type="link" onClick={() => navigate('/members')}>
                  查看党员名册
                </Button>
              )}
            </Space>
          </Space>
        )}
      </Card>
    </div>
  );
}
