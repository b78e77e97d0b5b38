// 职工评议 on the phone, without login (/r?c=…, what the printed code opens): the employee enters or scans a one-time
// code, sees whom they rate, answers each of the county's items (满意 / 基本满意 / 不满意) and submits once. Anonymous.
import { useMutation } from '@tanstack/react-query';
import { STAFF_RATING_LEVEL_LABELS, STAFF_RATING_LEVELS, type RatingForm, type StaffRatingLevel } from '@yanzhen/domain';
import { Alert, Button, Input, Radio, Result } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, errorMessage } from '../../app/api';
import '../../mobile/mobile.css';

export default function StaffRatingPage() {
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('c') ?? '');
  const [answers, setAnswers] = useState<(StaffRatingLevel | undefined)[]>([]);
  const open = useMutation({ mutationFn: (c: string) => api.post<RatingForm>('/api/staff-rating/open', { code: c }), onSuccess: (f) => setAnswers(f.items.map(() => undefined)) });
  const vote = useMutation({ mutationFn: () => api.post('/api/staff-rating/vote', { code, answers }) });
  useEffect(() => {
    document.title = '职工评议 · 雁阵';
    if (params.get('c')) open.mutate(params.get('c')!);
    // Opened once with the code of the link.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const form = open.data;
  const complete = form && answers.length === form.items.length && answers.every((a) => a !== undefined);
  return (
    <div className="yz-m">
      <header className="yz-m-header">
        <span className="yz-m-title">雁阵 · 职工评议</span>
      </header>
      <main className="yz-m-main" data-testid="staff-rating">
        {vote.isSuccess ? (
          <Result status="success" title="评议已提交" subTitle="感谢您的评价。评议匿名进行，指导员只能看到汇总结果。" />
        ) : !form ? (
          <div className="yz-m-card">
            <h3>请输入评议码</h3>
            <div className="yz-m-muted" style={{ marginBottom: 8 }}>评议码印在企业发放的纸条上，每个评议码只能评议一次。</div>
            <Input size="large" value={code} onChange={(e) => setCode(e.target.value)} placeholder="如 ABCDE-FGHJK" aria-label="评议码" maxLength={20} />
            <Button type="primary" size="large" block style={{ marginTop: 10 }} loading={open.isPending} disabled={!code.trim()} onClick={() => open.mutate(code)}>
              开始评议
            </Button>
            {open.error && <Alert style={{ marginTop: 10 }} type="error" showIcon title={errorMessage(open.error)} data-testid="rating-error" />}
          </div>
        ) : (
          <>
            <div className="yz-m-card yz-m-hero">
              <div style={{ fontSize: 16, fontWeight: 600 }}>对党建工作指导员 {form.instructorName} 的评议</div>
              <div style={{ marginTop: 6, fontSize: 13 }}>{form.enterpriseName} · {form.year} 年度 · 匿名</div>
            </div>
            {form.items.map((item, k) => (
              <div className="yz-m-card" key={item}>
                <h3>{k + 1}. {item}</h3>
                <Radio.Group
                  aria-label={item}
                  value={answers[k]}
                  onChange={(e) => setAnswers(answers.map((a, j) => (j === k ? (e.target.value as StaffRatingLevel) : a)))}
                  optionType="button"
                  buttonStyle="solid"
                  options={STAFF_RATING_LEVELS.map((l) => ({ value: l, label: STAFF_RATING_LEVEL_LABELS[l] }))}
                />
              </div>
            ))}
            {vote.error && <Alert style={{ marginBottom: 10 }} type="error" showIcon title={errorMessage(vote.error)} data-testid="rating-error" />}
            <Button type="primary" size="large" block disabled={!complete} loading={vote.isPending} onClick={() => vote.mutate()}>
              提交评议
            </Button>
            {!complete && <div className="yz-m-muted" style={{ marginTop: 6, textAlign: 'center' }}>请对每一项作出评价后提交</div>}
          </>
        )}
      </main>
    </div>
  );
}
