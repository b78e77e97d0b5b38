// 导出党员名册: masked by default; the full file (ID numbers, phones, birth dates) only for members.exportSensitive,
// with a typed reason and a confirmation that says how many people's data leave the system (audited on the server).
import { MIN_EXPORT_REASON } from '@yanzhen/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, download, errorMessage, type Query } from '../../app/api';

type ExportCount = { count: number; mayExportFull: boolean };

export function ExportDialog({ open, filters, onClose }: { open: boolean; filters: Query; onClose: () => void }) {
  const { message } = App.useApp();
  const [full, setFull] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const count = useQuery({ queryKey: ['members', 'export-count', filters], queryFn: () => api.get<ExportCount>('/api/members/export/count', filters), enabled: open });
  const n = count.data?.count;
  const reasonOk = reason.trim().length >= MIN_EXPORT_REASON;

  const close = () => {
    setFull(false);
    setReason('');
    onClose();
  };
  const submit = async () => {
    setBusy(true);
    try {
      await download('/api/members/export', full ? { ...filters, full: 'true', reason: reason.trim() } : filters, full ? '党员名册_完整.xlsx' : '党员名册.xlsx');
      message.success(full ? `已导出 ${n ?? ''} 人的完整信息，本次导出已记入操作日志` : '已导出脱敏名册');
      close();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="导出党员名册"
      onCancel={close}
      onOk={submit}
      okText={full ? `确认导出 ${n ?? '…'} 人的完整信息` : '导出'}
      okButtonProps={{ danger: full, disabled: n === undefined || (full && !reasonOk), loading: busy, id: 'export-confirm' }}
      cancelText="取消"
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }} data-testid="export-dialog">
        <Typography.Text data-testid="export-count">
          {count.isError ? `无法统计人数：${errorMessage(count.error)}` : n === undefined ? '正在统计人数…' : `按当前筛选条件共 ${n} 名党员。`}
        </Typography.Text>
        <Radio.Group value={full} onChange={(e) => setFull(e.target.value as boolean)}>
          <Space direction="vertical">
            <Radio value={false}>脱敏名册（身份证号只显示地区码，出生日期只到月，电话隐去中间4位）</Radio>
            {count.data?.mayExportFull && (
              <Radio value={true} data-testid="export-full">
                完整信息（含完整身份证号、联系电话、出生日期）
              </Radio>
            )}
          </Space>
        </Radio.Group>
        {full && (
          <>
            <Alert
              type="warning"
              showIcon
              data-testid="export-warning"
              title={`将有 ${n ?? '…'} 名党员的完整身份证号、联系电话和出生日期离开本系统。`}
              description="文件中写明导出人、导出时间和事由；本次导出连同人数和事由记入操作日志。请仅用于所填事由，用毕销毁，不得转发或公开。"
            />
            <Input.TextArea
              data-testid="export-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={200}
              rows={2}
              placeholder={`导出事由（必填，至少${MIN_EXPORT_REASON}个字），如：报送年度党内统计`}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
