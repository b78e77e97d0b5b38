// The instructor's phone pages (/i): my enterprises and this month, scan in/out (the printed code opens
// /i/scan?e=…&code=…), the work log (工作纪实手册) with problems raised and solved, and my month day by day.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FILE_ACCEPT, INSTRUCTOR_DUTIES, INSTRUCTOR_DUTY_LABELS, LETTER_KIND_LABELS, LETTER_KINDS, LETTER_STATUS_LABELS, ONSITE_WARNING_LABELS, PARTY_ORG_FORM_LABELS, type AssignmentLetters, type LetterKind, type MyInstructor, type MyMonth, type SiteScanResult, type StaffRatingSummary, type StoredFile, type Check, CHECK_KIND_LABELS, FINDING_SEVERITY_LABELS } from '@yanzhen/domain';
import { Alert, App, Button, Checkbox, Input, InputNumber, Result, Select, Skeleton, Tag, Upload } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, download, errorMessage } from '../../app/api';
import { MobileShell } from '../../mobile/MobileShell';

type Paged<T> = { items: T[]; total: number };
type Log = { id: string; enterpriseName: string; date: string; hours: number; duties: string[]; content: string; problemId: string | null };
type Problem = { id: string; enterpriseName: string; raisedOn: string; description: string; status: 'open' | 'solved'; solvedOn: string | null; solution: string | null; version: number };

const TABS = [
  { to: '/i', label: '我的企业', end: true },
  { to: '/i/scan', label: '扫码' },
  { to: '/i/log', label: '纪实' },
  { to: '/i/month', label: '本月' },
];
const pct = (permille: number | null) => (permille === null ? '—' : `${(permille / 10).toFixed(1)}%`);
const timeOf = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });
const useMine = () => useQuery({ queryKey: ['me', 'instructor'], queryFn: () => api.get<MyInstructor>('/api/me/instructor') });

export function InstructorMobileLayout() {
  const navigate = useNavigate();
  useEffect(() => {
    document.title = '党建工作指导员 · 雁阵';
  }, []);
  return <MobileShell title="雁阵 · 党建工作指导员" navLabel="指导员导航" tabs={TABS} action={{ label: '管理端', onClick: () => navigate('/') }} />;
}

export function InstructorHomePage() {
  const { data, isLoading, error } = useMine();
  if (isLoading) return <Skeleton active />;
  if (error || !data) return <Alert type="error" showIcon title={errorMessage(error)} />;
  return (
    <div data-testid="i-home">
      <div className="yz-m-card yz-m-hero">
        <div style={{ fontSize: 16, fontWeight: 600 }}>{data.name}</div>
        <div style={{ marginTop: 6 }}>{Number(data.month.slice(5))}月驻企 {data.onsiteDays} 天 / 工作日 {data.workingDays} 天（至少 {data.requiredDays} 天）</div>
        <div style={{ marginTop: 4, fontSize: 13 }}>驻企比例 {pct(data.ratioPermille)} · 未解决问题 {data.openProblems} 个</div>
      </div>
      {data.openVisit && (
        <div className="yz-m-card" data-testid="i-open-visit">
          <Tag color="green">驻企中</Tag> {data.openVisit.enterpriseName}，{timeOf(data.openVisit.inAt)} 进场。离开时请再次扫码。
        </div>
      )}
      <div className="yz-m-card">
        <h3>我指导的企业</h3>
        {data.enterprises.length === 0 && <div className="yz-m-muted">暂未指派企业。</div>}
        {data.enterprises.map((e) => (
          <div key={e.id} className="yz-m-row" style={{ flexWrap: 'wrap' }}>
            <span style={{ fontWeight: 600 }}>{e.name}</span>
            <span className="yz-m-muted">{PARTY_ORG_FORM_LABELS[e.orgForm]} · 党员 {e.membersEmployed} 名</span>
            <span className="yz-m-muted" style={{ width: '100%' }}>{e.industry ?? '—'} · {e.address ?? ''} · 自 {e.startDate}</span>
          </div>
        ))}
      </div>
      <MyLetters />
      <MyChecks />
      <MyStaffRating />
    </div>
  );
}

/** 检查督导: findings to rectify from the county's checks, with the report of what was done (the county closes them). */
function MyChecks() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const { data } = useQuery({ queryKey: ['me', 'instructor', 'checks'], queryFn: () => api.get<Paged<Check>>('/api/me/instructor/checks', { pageSize: 20 }) });
  const report = useMutation({
    mutationFn: (f: Check['findings'][number]) => api.post<Check>(`/api/me/instructor/findings/${f.id}/report`, { note: notes[f.id] ?? '', version: f.rectification!.version }),
    onSuccess: (_, f) => {
      setNotes((n) => ({ ...n, [f.id]: '' }));
      message.success('整改情况已报告，待县委非公和社会工委核实销号');
      void qc.invalidateQueries({ queryKey: ['me', 'instructor', 'checks'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const open = (data?.items ?? []).flatMap((c) => c.findings.filter((f) => f.rectification?.status === 'open').map((f) => ({ c, f })));
  if (open.length === 0) return null;
  return (
    <div className="yz-m-card" data-testid="i-checks">
      <h3>检查督导 · 待整改</h3>
      {open.map(({ c, f }) => (
        <div key={f.id} style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8, marginTop: 8 }}>
          <div><Tag color={f.severity === 'minor' ? 'default' : 'orange'}>{FINDING_SEVERITY_LABELS[f.severity]}</Tag>{f.description}</div>
          <div className="yz-m-muted">{c.checkedOn} {CHECK_KIND_LABELS[c.kind]} · {c.enterpriseName} · {f.rectification!.deadline} 前整改{f.rectification!.overdue ? '（已逾期）' : ''}</div>
          {f.rectification!.reportNote && <div className="yz-m-muted">已报告：{f.rectification!.reportNote}</div>}
          <Input.TextArea rows={2} style={{ marginTop: 6 }} placeholder="整改情况" aria-label={`整改情况：${f.description}`} value={notes[f.id] ?? ''} onChange={(e) => setNotes({ ...notes, [f.id]: e.target.value })} maxLength={500} />
          <Button size="small" style={{ marginTop: 6 }} loading={report.isPending} disabled={(notes[f.id] ?? '').trim().length < 2} onClick={() => report.mutate(f)}>报告整改情况</Button>
        </div>
      ))}
    </div>
  );
}

/** 职工评议: only the aggregate of the year, and only from the minimum number of votes (the raters stay anonymous). */
function MyStaffRating() {
  const year = dayjs().year();
  const { data } = useQuery({ queryKey: ['me', 'instructor', 'staff-ratings', year], queryFn: () => api.get<StaffRatingSummary>('/api/me/instructor/staff-ratings', { year }) });
  if (!data || data.votes === 0) return null;
  return (
    <div className="yz-m-card" data-testid="i-staff-rating">
      <h3>{year} 年职工评议</h3>
      {!data.visible ? (
        <div className="yz-m-muted">已收到 {data.votes} 份评议，满 {data.minVotes} 份后显示汇总。</div>
      ) : (
        <>
          <div>{data.votes} 份评议，平均 {data.score} 分</div>
          {data.items.map((i) => (
            <div key={i.item} className="yz-m-row">
              <span>{i.item}</span>
              <span className="yz-m-muted">满意 {i.satisfied} · 基本满意 {i.basic} · 不满意 {i.unsatisfied}</span>
            </div>
          ))}
        </>
      )}
    </div>
  );
}

/** 两书: my 目标责任书 and 承诺书 per enterprise — the Word to sign, and the photo of the signed copy. */
function MyLetters() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: ['me', 'instructor', 'letters'], queryFn: () => api.get<Paged<AssignmentLetters>>('/api/me/instructor/letters', { pageSize: 50 }) });
  const upload = async (r: AssignmentLetters, kind: LetterKind, file: File) => {
    try {
      const fd = new FormData();
      fd.append('file', file);
      const stored = await api.upload<StoredFile>('/api/files', fd);
      await api.post(`/api/me/instructor/assignments/${r.assignmentId}/letters/${kind}/signed`, { fileId: stored.id });
      message.success(`${LETTER_KIND_LABELS[kind]}签字件已上传`);
      void qc.invalidateQueries({ queryKey: ['me', 'instructor', 'letters'] });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const active = data?.items.filter((r) => r.active) ?? [];
  if (active.length === 0) return null;
  return (
    <div className="yz-m-card" data-testid="i-letters">
      <h3>两书（目标责任书、承诺书）</h3>
      {active.map((r) => (
        <div key={r.assignmentId} style={{ marginBottom: 8 }}>
          <div style={{ fontWeight: 600 }}>{r.enterpriseName}</div>
          {LETTER_KINDS.map((k) => (
            <div key={k} className="yz-m-row" style={{ flexWrap: 'wrap', gap: 6 }}>
              <span>{LETTER_KIND_LABELS[k]}</span>
              {r[k].signed ? <Tag color="green">{LETTER_STATUS_LABELS.signed}</Tag> : <Tag color="red">{LETTER_STATUS_LABELS.unsigned}</Tag>}
              <Button size="small" onClick={() => void download(`/api/me/instructor/assignments/${r.assignmentId}/letters/${k}`, undefined, `${LETTER_KIND_LABELS[k]}.docx`).catch((e: unknown) => message.error(errorMessage(e)))}>下载</Button>
              <Upload accept={FILE_ACCEPT} showUploadList={false} customRequest={({ file }) => void upload(r, k, file as File)}>
                <Button size="small">{r[k].signed ? '重新上传' : '上传签字件'}</Button>
              </Upload>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

export function InstructorScanPage() {
  const qc = useQueryClient();
  const { data } = useMine();
  const [params, setParams] = useSearchParams();
  const [enterpriseId, setEnterpriseId] = useState<string | undefined>();
  const [code, setCode] = useState('');
  const scan = useMutation({
    mutationFn: (v: { enterpriseId: string; token: string }) => api.post<SiteScanResult>('/api/me/instructor/scan', v),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['me'] }),
  });
  // The printed code opens /i/scan?e=…&code=…: record the scan at once, then drop the code from the address.
  const sent = useRef(false);
  useEffect(() => {
    const c = params.get('code');
    const e = params.get('e');
    if (c && e && !sent.current) {
      sent.current = true;
      scan.mutate({ enterpriseId: e, token: c });
      setParams({}, { replace: true });
    }
  }, [params, setParams, scan]);
  const target = enterpriseId ?? data?.openVisit?.enterpriseId ?? data?.enterprises[0]?.id;
  return (
    <div data-testid="i-scan">
      {scan.data && (
        <Result
          status="success"
          title={scan.data.direction === 'in' ? `已进场：${scan.data.enterpriseName}` : `已离场：${scan.data.enterpriseName}`}
          subTitle={scan.data.direction === 'in' ? `${timeOf(scan.data.at)} 进场，离开时请再次扫码` : `${timeOf(scan.data.at)} 离场，本次驻企 ${Math.floor((scan.data.minutes ?? 0) / 60)} 小时 ${(scan.data.minutes ?? 0) % 60} 分`}
          data-testid="i-scan-result"
          style={{ padding: 12, background: '#fff', borderRadius: 8, marginBottom: 10 }}
        />
      )}
      {scan.error && <Alert style={{ marginBottom: 10 }} type="error" showIcon title={errorMessage(scan.error)} data-testid="i-scan-error" />}
      <div className="yz-m-card">
        <h3>扫码进场 / 离场</h3>
        <div className="yz-m-muted" style={{ marginBottom: 8 }}>用手机相机扫描企业张贴的驻企二维码即可；无法扫码时，选择企业并粘贴二维码下方的码。</div>
        <Select style={{ width: '100%' }} value={target} onChange={setEnterpriseId} options={(data?.enterprises ?? []).map((e) => ({ value: e.id, label: e.name }))} aria-label="企业" />
        <Input.TextArea style={{ marginTop: 8 }} rows={2} value={code} onChange={(e) => setCode(e.target.value)} placeholder="驻企码" aria-label="驻企码" />
        <Button type="primary" block style={{ marginTop: 8 }} disabled={!target || !code.trim()} loading={scan.isPending} onClick={() => target && scan.mutate({ enterpriseId: target, token: code.trim() })}>
          {data?.openVisit ? '扫码离场' : '扫码进场'}
        </Button>
      </div>
    </div>
  );
}

export function InstructorLogPage() {
  const qc = useQueryClient();
  const { data: mine } = useMine();
  const [enterpriseId, setEnterpriseId] = useState<string | undefined>();
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [hours, setHours] = useState<number | null>(4);
  const [duties, setDuties] = useState<string[]>([]);
  const [content, setContent] = useState('');
  const [problem, setProblem] = useState('');
  const logs = useQuery({ queryKey: ['me', 'instructor', 'logs'], queryFn: () => api.get<Paged<Log>>('/api/me/instructor/logs', { pageSize: 10 }) });
  const problems = useQuery({ queryKey: ['me', 'instructor', 'problems'], queryFn: () => api.get<Paged<Problem>>('/api/me/instructor/problems', { status: 'open', pageSize: 20 }) });
  const target = enterpriseId ?? mine?.enterprises[0]?.id;
  const save = useMutation({
    mutationFn: () => api.post('/api/me/instructor/logs', { enterpriseId: target, date, hours: hours ?? 0, duties, content, problem: problem || null }),
    onSuccess: () => {
      setContent('');
      setProblem('');
      setDuties([]);
      void qc.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const solve = useMutation({
    mutationFn: (p: Problem & { solution: string }) => api.post(`/api/me/instructor/problems/${p.id}/solve`, { solvedOn: dayjs().format('YYYY-MM-DD'), solution: p.solution, version: p.version }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['me'] }),
  });
  const [solutions, setSolutions] = useState<Record<string, string>>({});
  return (
    <div data-testid="i-log">
      <div className="yz-m-card">
        <h3>填写工作纪实</h3>
        <Select style={{ width: '100%' }} value={target} onChange={setEnterpriseId} options={(mine?.enterprises ?? []).map((e) => ({ value: e.id, label: e.name }))} aria-label="企业" />
        <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
          <Input type="date" value={date} max={dayjs().format('YYYY-MM-DD')} onChange={(e) => setDate(e.target.value)} aria-label="日期" />
          <InputNumber min={0} max={24} value={hours} onChange={setHours} suffix="小时" aria-label="驻企小时" style={{ width: 130 }} />
        </div>
        <div style={{ marginTop: 8 }}>
          <div className="yz-m-muted">履行的职责</div>
          <Checkbox.Group value={duties} onChange={(v) => setDuties(v as string[])} options={INSTRUCTOR_DUTIES.map((d) => ({ value: d, label: INSTRUCTOR_DUTY_LABELS[d] }))} style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', rowGap: 4 }} />
        </div>
        <Input.TextArea style={{ marginTop: 8 }} rows={3} value={content} onChange={(e) => setContent(e.target.value)} placeholder="做了什么" aria-label="工作内容" />
        <Input.TextArea style={{ marginTop: 8 }} rows={2} value={problem} onChange={(e) => setProblem(e.target.value)} placeholder="发现的急难愁盼问题（可不填）" aria-label="问题" />
        {save.error && <Alert style={{ marginTop: 8 }} type="error" showIcon title={errorMessage(save.error)} data-testid="i-log-error" />}
        {save.isSuccess && <Alert style={{ marginTop: 8 }} type="success" showIcon title="已保存" data-testid="i-log-saved" />}
        <Button type="primary" block style={{ marginTop: 8 }} loading={save.isPending} disabled={!target} onClick={() => save.mutate()}>保存纪实</Button>
      </div>
      <div className="yz-m-card">
        <h3>跟进中的问题（{problems.data?.total ?? 0}）</h3>
        {problems.data?.items.map((p) => (
          <div key={p.id} className="yz-m-notice">
            <div>{p.description}</div>
            <div className="yz-m-muted">{p.enterpriseName} · {p.raisedOn} 提出</div>
            <div style={{ display: 'flex', gap: 6, marginTop: 4 }}>
              <Input size="small" placeholder="解决情况" value={solutions[p.id] ?? ''} onChange={(e) => setSolutions({ ...solutions, [p.id]: e.target.value })} aria-label="解决情况" />
              <Button size="small" disabled={(solutions[p.id] ?? '').trim().length < 2} onClick={() => solve.mutate({ ...p, solution: solutions[p.id] })}>已解决</Button>
            </div>
          </div>
        ))}
        {solve.error && <Alert type="error" showIcon title={errorMessage(solve.error)} />}
      </div>
      <div className="yz-m-card">
        <h3>最近的纪实（共 {logs.data?.total ?? 0} 条）</h3>
        {logs.data?.items.map((l) => (
          <div key={l.id} className="yz-m-notice" data-testid="i-log-item">
            <div style={{ fontWeight: 600 }}>{l.date} · {l.enterpriseName} · {l.hours} 小时</div>
            <div className="yz-m-muted">{l.duties.map((d) => INSTRUCTOR_DUTY_LABELS[d as keyof typeof INSTRUCTOR_DUTY_LABELS] ?? d).join('、')}</div>
            <div>{l.content}</div>
          </div>
        ))}
      </div>
    </div>
  );
}

export function InstructorMonthPage() {
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const { data, isLoading, error } = useQuery({ queryKey: ['me', 'instructor', 'month', month], queryFn: () => api.get<MyMonth>('/api/me/instructor/month', { month }) });
  const prev = dayjs(`${month}-01`).subtract(1, 'month').format('YYYY-MM');
  const next = dayjs(`${month}-01`).add(1, 'month').format('YYYY-MM');
  const canNext = next <= dayjs().format('YYYY-MM');
  return (
    <div data-testid="i-month">
      <div className="yz-m-card" style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Button size="small" onClick={() => setMonth(prev)}>上月</Button>
        <b>{month.replace('-', '年')}月</b>
        <Button size="small" disabled={!canNext} onClick={() => setMonth(next)}>下月</Button>
      </div>
      {isLoading && <Skeleton active />}
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {data && (
        <>
          <div className="yz-m-card">
            <div className="yz-m-row"><span>当月工作日</span><span data-testid="i-month-working">{data.workingDays} 天</span></div>
            <div className="yz-m-row"><span>驻企天数</span><span data-testid="i-month-onsite">{data.onsiteDays} 天（扫码 {data.scannedDays}，补录 {data.manualDays}）</span></div>
            <div className="yz-m-row"><span>至少应驻企</span><span>{data.requiredDays} 天（三分之一）</span></div>
            <div className="yz-m-row"><span>驻企比例</span><span>{pct(data.ratioPermille)} {data.warning && <Tag color={data.warning === 'red' ? 'red' : 'gold'}>{ONSITE_WARNING_LABELS[data.warning]}</Tag>}</span></div>
          </div>
          <div className="yz-m-card">
            <h3>逐日</h3>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 4 }}>
              {['一', '二', '三', '四', '五', '六', '日'].map((w) => (
                <div key={w} className="yz-m-muted" style={{ textAlign: 'center' }}>{w}</div>
              ))}
              {/* Blank cells before the 1st, so each date sits under its weekday (Monday first). */}
              {Array.from({ length: (dayjs(`${month}-01`).day() + 6) % 7 }, (_, i) => <div key={`b${i}`} />)}
              {data.days.map((d) => (
                <div key={d.date} className={`yz-m-month ${d.counted ? 'paid' : d.workday ? '' : 'off'}`} style={d.workday ? undefined : { color: '#bbb' }} title={`${d.date}${d.manual ? '（补录）' : ''}`}>
                  <div>{Number(d.date.slice(8))}</div>
                  <div style={{ fontSize: 10 }}>{d.minutes > 0 ? `${(Math.floor(d.minutes / 6) / 10).toFixed(1)}h` : d.manual ? '补录' : d.workday ? '' : '休'}</div>
                </div>
              ))}
            </div>
            <div className="yz-m-muted" style={{ marginTop: 6 }}>绿色为计入驻企的工作日（当天累计满 4 小时或补录通过）。</div>
          </div>
        </>
      )}
    </div>
  );
}
