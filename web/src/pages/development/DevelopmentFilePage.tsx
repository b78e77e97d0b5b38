// 发展档案: the person, the 5 stages, the timeline of recorded steps (who, when, what), and the record-step form.
import { ArrowLeftOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { NEAR_RELATION_LABELS, stepFieldText, type FieldTextContext, DEVELOPMENT_STAGES, DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, PUBLICITY_SUBJECT, EDUCATION_LABELS, FILE_STATUS_LABELS, GENDER_LABELS, stepDef, type FileDetail } from '@yanzhen/domain';
import { Alert, App, Button, Card, Col, Descriptions, Dropdown, Empty, Input, Modal, Row, Skeleton, Space, Steps, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, download, errorMessage } from '../../app/api';
import { DeadlineTag } from './DevelopmentPage';
import { useBranchGroups, useFile, useRuleSet } from './development-api';
import { RecordStepForm } from './RecordStepForm';
import { STEP_FORM } from './step-form-config';

function fieldText(step: number, fields: Record<string, unknown>, ctx: FieldTextContext): string {
  return (STEP_FORM[step] ?? [])
    .map((s) => ({ label: s.label, text: stepFieldText(s.name, fields[s.name], ctx) }))
    .filter((x) => x.text !== null)
    .map((x) => `${x.label}：${x.text}`)
    .join('；');
}

function DocumentsButton({ file }: { file: FileDetail }) {
  const { message } = App.useApp();
  const publicitySteps = useRuleSet().data?.current.params.publicitySteps ?? [3, 7, 13, 23];
  // Each publicity is its own notice (before steps 3, 7, 13, 23): the user picks which one.
  const items = DOCUMENT_KINDS.map((k) =>
    k === 'publicity'
      ? { key: k, label: DOCUMENT_KIND_LABELS[k], children: publicitySteps.map((s) => ({ key: `publicity:${s}`, label: `${PUBLICITY_SUBJECT[s] ?? stepDef(s).name}公示（第${s}步）` })) }
      : { key: k, label: DOCUMENT_KIND_LABELS[k] },
  );
  return (
    <Dropdown
      menu={{
        items,
        onClick: ({ key }) => {
          const [kind, step] = key.split(':');
          void download(`/api/development/files/${file.id}/documents/${kind}`, step ? { step } : undefined, `${file.name}.docx`).catch((e) => message.error(errorMessage(e)));
        },
      }}
    >
      <Button data-testid="dev-documents">生成文书</Button>
    </Dropdown>
  );
}

function CloseButton({ file }: { file: FileDetail }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const m = useMutation({
    mutationFn: () => api.post<FileDetail>(`/api/development/files/${file.id}/close`, { reason, version: file.version }),
    onSuccess: (f) => {
      qc.setQueryData(['development', 'file', file.id], f);
      void qc.invalidateQueries({ queryKey: ['development'] });
      setOpen(false);
      message.success('已终止该发展档案');
    },
  });
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>终止档案</Button>
      <Modal open={open} title="终止发展档案" onCancel={() => setOpen(false)} onOk={() => m.mutate()} okButtonProps={{ danger: true, loading: m.isPending, disabled: !reason.trim() }}>
        {m.error && <Alert type="error" showIcon title={errorMessage(m.error)} style={{ marginBottom: 12 }} />}
        <Input.TextArea rows={3} placeholder="终止原因（如本人撤回申请、不再符合条件）" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </Modal>
    </>
  );
}

export default function DevelopmentFilePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data: file, isLoading, error } = useFile(id);
  const negativeList = useRuleSet().data?.current.params.negativeList ?? [];
  const groups = Object.fromEntries(useBranchGroups(file?.orgId ?? '').map((g) => [g.id, g.name]));
  if (isLoading) return <Skeleton active />;
  if (error || !file) return <Alert type="error" showIcon title={errorMessage(error)} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/development')}>返回</Button>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="file-name">
          {file.name} 的发展档案
        </Typography.Title>
        <Tag color={file.status === 'active' ? 'red' : 'default'}>{FILE_STATUS_LABELS[file.status]}</Tag>
        {file.nextDeadline && <DeadlineTag file={file} />}
        <DocumentsButton file={file} />
        {file.can.close && <CloseButton file={file} />}
      </Space>
      <Card size="small">
        <Steps
          size="small"
          current={file.stage - 1}
          status={file.status === 'active' ? 'process' : file.status === 'completed' ? 'finish' : 'error'}
          items={DEVELOPMENT_STAGES.map((s) => ({ title: s.name }))}
          responsive
        />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card size="small" title="基本情况" style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label="性别">{GENDER_LABELS[file.gender]}</Descriptions.Item>
              <Descriptions.Item label="出生年月">{file.birthMonth}</Descriptions.Item>
              <Descriptions.Item label="身份证号">{file.idNumberMasked}</Descriptions.Item>
              <Descriptions.Item label="学历">{EDUCATION_LABELS[file.education]}</Descriptions.Item>
              <Descriptions.Item label="所在支部">{file.orgName}</Descriptions.Item>
              <Descriptions.Item label="当前步骤">{file.currentStep ? `${file.currentStep}. ${stepDef(file.currentStep).name}` : '已建档，待递交入党申请书'}</Descriptions.Item>
              <Descriptions.Item label="入党志愿书编号">{file.formNumber ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="预备期满">{file.probationEnd ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="适用规则">第{file.ruleSetVersion}版</Descriptions.Item>
              {file.closedReason && <Descriptions.Item label="终止原因">{file.closedReason}</Descriptions.Item>}
              <Descriptions.Item label="申报的近亲属">{file.family.length ? file.family.map((f) => `${f.name}（${NEAR_RELATION_LABELS[f.relation]}）`).join('、') : '无'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title="办理记录">
            {file.events.length === 0 ? (
              <Empty description="尚未记录任何步骤" />
            ) : (
              <Timeline
                data-testid="file-timeline"
                items={file.events.map((e) => ({
                  key: e.id,
                  color: e.failedVote ? 'gray' : e.warnings.length ? 'orange' : 'red',
                  content: (
                    <div>
                      <Typography.Text strong>
                        第{e.step}步 {stepDef(e.step).name}
                      </Typography.Text>
                      {e.failedVote && <Tag color="default" style={{ marginLeft: 8 }} data-testid="failed-vote-tag">表决未通过</Tag>}
                      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                        {e.date} · {e.actorOrgName} {e.actorName}
                      </Typography.Text>
                      <div style={{ fontSize: 13, color: '#555' }}>{fieldText(e.step, e.fields, { people: file.people, negativeList, groups })}</div>
                      {e.publicity && <div style={{ fontSize: 13, color: '#555' }}>公示：{e.publicity.start} 至 {e.publicity.end}</div>}
                      {e.warnings.map((w) => (
                        <div key={w} style={{ color: '#d46b08', fontSize: 13 }}>⚠ {w}</div>
                      ))}
                      {e.overrideReason && <div style={{ fontSize: 13 }}>近亲属情形说明：{e.overrideReason}</div>}
                      {e.note && <div style={{ fontSize: 13, color: '#555' }}>备注：{e.note}</div>}
                      {e.documents.length > 0 && (
                        <div style={{ fontSize: 13 }} data-testid="event-documents">
                          材料：
                          {e.documents.map((d) => (
                            <a key={d.id} href={d.url} target="_blank" rel="noreferrer" style={{ marginRight: 12 }}>
                              <PaperClipOutlined /> {d.name}
                            </a>
                          ))}
                        </div>
                      )}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {file.can.record.length > 0 ? (
            <RecordStepForm key={`${file.id}-${file.version}`} file={file} />
          ) : (
            <Card size="small" title="记录步骤">
              <Typography.Text type="secondary">
                {file.status !== 'active' ? '该档案已办结或终止。' : `下一步（${file.nextSteps.map((s) => stepDef(s).name).join('、')}）应由${file.nextSteps.map((s) => ({ branch: '党支部', committee: '上级党委', orgDepartment: '县委组织部' })[stepDef(s).actor]).join('、')}办理。`}
              </Typography.Text>
            </Card>
          )}
        </Col>
      </Row>
    </Space>
  );
}
