// 实时质量图: the public full-screen board for a wall TV (1920×1080). Every org by town, this year's months with
// stars and red/yellow marks, completion, town ranking and a ticker; live through server-sent events. `?print=1`
// gives the printable monthly version (A3 landscape).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { BoardData, BoardOrg, BoardTown } from '@yanzhen/domain';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ApiError, api } from '../app/api';
import { EChart, type EChartOption } from '../app/EChart';
import './board.css';

const ROWS_PER_COLUMN = 30;
const PAGE_SECONDS = 20;
const MONTHS = Array.from({ length: 12 }, (_, i) => i);

/** The wall layout is drawn for 1920×1080 and scaled as a whole to the screen, so a projector (1280×720) shows the same board. */
const STAGE = { width: 1920, height: 1080 } as const;
function useStageScale(): number {
  const fit = () => Math.min(window.innerWidth / STAGE.width, window.innerHeight / STAGE.height);
  const [scale, setScale] = useState(fit);
  useEffect(() => {
    const onResize = () => setScale(fit());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}

const starText = (n: number | null) => (n === null ? '' : n === 0 ? '○' : '★'.repeat(n));
/** On the wall a month's stars read as a count (three glyphs do not fit a month column at 1920 px). */
const starCount = (n: number | null) => (n === null ? '' : n === 0 ? '·' : `${n}★`);
const rateText = (r: number | null) => (r === null ? '—' : `${Math.round(r)}%`);

/** Splits towns into columns of at most ROWS_PER_COLUMN rows (a long town continues in the next column). */
type Block = { town: BoardTown; orgs: BoardOrg[]; cont: boolean };
function paginate(towns: BoardTown[]): Block[][][] {
  const columns: Block[][] = [];
  let col: Block[] = [];
  let used = 0;
  for (const town of towns) {
    let rest = town.orgs;
    let cont = false;
    while (rest.length > 0) {
      const room = ROWS_PER_COLUMN - used - 2;
      if (room < 3) {
        columns.push(col);
        col = [];
        used = 0;
        continue;
      }
      const take = rest.slice(0, room);
      col.push({ town, orgs: take, cont });
      used += take.length + 2;
      rest = rest.slice(take.length);
      cont = true;
    }
  }
  if (col.length > 0) columns.push(col);
  const pages: Block[][][] = [];
  for (let i = 0; i < columns.length; i += 2) pages.push(columns.slice(i, i + 2));
  return pages.length > 0 ? pages : [[]];
}

function useLive(token: string, onChange: (orgId: string | null) => void): 'live' | 'connecting' | 'revoked' {
  const [state, setState] = useState<'live' | 'connecting' | 'revoked'>('connecting');
  const cb = useRef(onChange);
  cb.current = onChange;
  useEffect(() => {
    // EventSource reconnects by itself (retry: 3 s) and sends Last-Event-ID; the server then asks for a full refresh.
    const es = new EventSource(`/api/board/${encodeURIComponent(token)}/stream`);
    es.addEventListener('open', () => setState('live'));
    es.addEventListener('error', () => setState((s) => (s === 'revoked' ? s : 'connecting')));
    es.addEventListener('hello', () => cb.current(null));
    es.addEventListener('refresh', () => cb.current(null));
    es.addEventListener('change', (e) => {
      try {
        cb.current((JSON.parse((e as MessageEvent<string>).data) as { orgId: string }).orgId);
      } catch {
        cb.current(null);
      }
    });
    es.addEventListener('revoked', () => {
      setState('revoked');
      es.close();
    });
    return () => es.close();
  }, [token]);
  return state;
}

function TownBlock({ block, month, flash }: { block: Block; month: number; flash: ReadonlySet<string> }) {
  const t = block.town;
  return (
    <div className="yzb-town">
      <div className="yzb-town-h">
        <span>{t.rank !== null ? `第${t.rank}名 · ` : ''}{t.name}{block.cont ? '（续）' : ''}</span>
        <small>年度按时完成率 {rateText(t.yearRate)} · 平均 {t.averageStars ?? 0} 星{t.red > 0 ? ` · 红 ${t.red}` : ''}{t.yellow > 0 ? ` · 黄 ${t.yellow}` : ''}</small>
      </div>
      <table>
        <thead>
          <tr>
            <th style={{ width: '28%', textAlign: 'left', paddingLeft: 4 }}>党组织</th>
            <th style={{ width: '8%', textAlign: 'left' }}>书记</th>
            {MONTHS.map((m) => <th key={m} style={{ width: m === month ? '7%' : '4.5%' }}>{m + 1}月</th>)}
            <th style={{ width: '7%', textAlign: 'right' }}>完成率</th>
          </tr>
        </thead>
        <tbody>
          {block.orgs.map((o) => (
            <tr key={o.id} className={flash.has(o.id) ? 'yzb-flash' : undefined} data-testid={`board-org-${o.id}`}>
              <td className="org">
                {o.warning && <span className="yzb-flag" style={{ background: o.warning === 'red' ? '#ff4d4f' : '#fadb14' }} />}
                {o.name}
              </td>
              <td className="sec">{o.secretaryName ?? ''}</td>
              {MONTHS.map((m) => (
                <td key={m} className={`m${m === month ? ' cur' : ''}${o.marks[m] ? ` ${o.marks[m]}` : ''}`}>
                  {m === month ? rateText(o.rates[m]) : m < month ? starCount(o.stars[m]) : ''}
                </td>
              ))}
              <td className="rate">{rateText(o.yearRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Column widths of the A3 print (400 mm of paper across): names, 12 months, this month, the year, the warning. */
const PRINT_COLS = { org: '21%', sec: '6%', month: '4.6%', rate: '6%', year: '6%', warn: '5.8%' } as const;

function PrintView({ data, month }: { data: BoardData; month: string }) {
  const m = Number(month.slice(5, 7)) - 1;
  return (
    <div className="yzp" data-testid="board-print">
      <div className="noprint"><button onClick={() => window.print()}>打印（A3 横向）</button></div>
      <h1>{data.countyName}基层党组织书记抓党建履职质量图</h1>
      <div className="meta">{data.year}年{m + 1}月 · 组织 {data.totals.orgs} 个 · 年度按时完成率 {rateText(data.totals.yearRate)} · 红色预警 {data.totals.red} · 黄色预警 {data.totals.yellow}<br />★ 为当月贴星数，○ 为当月未得星，红/黄底为当月红色/黄色预警</div>
      {data.towns.map((t) => (
        <div className="town" key={t.id}>
          <table>
            <colgroup>
              <col style={{ width: PRINT_COLS.org }} />
              <col style={{ width: PRINT_COLS.sec }} />
              {MONTHS.map((i) => <col key={i} style={{ width: PRINT_COLS.month }} />)}
              <col style={{ width: PRINT_COLS.rate }} />
              <col style={{ width: PRINT_COLS.year }} />
              <col style={{ width: PRINT_COLS.warn }} />
            </colgroup>
            <thead>
              <tr><th colSpan={MONTHS.length + 5} className="townhead">{t.rank !== null ? `第${t.rank}名 ` : ''}{t.name}（年度按时完成率 {rateText(t.yearRate)}）</th></tr>
              <tr><th>党组织</th><th>书记</th>{MONTHS.map((i) => <th key={i} className={i === m ? 'cur' : undefined}>{i + 1}月</th>)}<th>本月完成率</th><th>年度完成率</th><th>预警</th></tr>
            </thead>
            <tbody>
              {t.orgs.map((o) => (
                <tr key={o.id}>
                  <td className="name">{o.name}</td>
                  <td className="name">{o.secretaryName ?? ''}</td>
                  {MONTHS.map((i) => <td key={i} className={`c${i === m ? ' cur' : ''}${i <= m && o.marks[i] ? ` ${o.marks[i]}` : ''}`}>{i < m ? starText(o.stars[i]) : i === m ? rateText(o.rates[i]) : ''}</td>)}
                  <td className="c">{rateText(o.rates[m])}</td>
                  <td className="c">{rateText(o.yearRate)}</td>
                  <td className="c">{o.warning === 'red' ? '红' : o.warning === 'yellow' ? '黄' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}

export default function BoardPage() {
  const { token = '' } = useParams();
  const [params] = useSearchParams();
  const print = params.get('print') === '1';
  const qc = useQueryClient();
  const key = useMemo(() => ['board', token] as const, [token]);
  useEffect(() => {
    document.title = '实时质量图 · 雁阵';
  }, []);
  const q = useQuery({ queryKey: key, queryFn: () => api.get<BoardData>(`/api/board/${encodeURIComponent(token)}`), refetchInterval: 5 * 60_000, retry: (n, e) => !(e instanceof ApiError && e.status === 404) && n < 100, retryDelay: 5000 });
  const [flash, setFlash] = useState<ReadonlySet<string>>(new Set());
  // Ticker entries that were not there before the last refresh are highlighted once.
  const seenTicker = useRef<Set<string> | null>(null);
  const freshTicker = useMemo(() => {
    const ids = new Set(q.data?.ticker.map((t) => t.id) ?? []);
    const fresh = seenTicker.current ? new Set([...ids].filter((id) => !seenTicker.current!.has(id))) : new Set<string>();
    if (q.data) seenTicker.current = ids;
    return fresh;
  }, [q.data]);
  const pending = useRef<{ timer: ReturnType<typeof setTimeout> | null; orgs: Set<string> }>({ timer: null, orgs: new Set() });
  // Many changes in a burst become one refetch a moment later.
  const live = useLive(token, (orgId) => {
    if (orgId) pending.current.orgs.add(orgId);
    if (pending.current.timer) return;
    pending.current.timer = setTimeout(() => {
      const orgs = pending.current.orgs;
      pending.current = { timer: null, orgs: new Set() };
      void qc.invalidateQueries({ queryKey: key }).then(() => setFlash(orgs));
    }, 800);
  });
  useEffect(() => () => { if (pending.current.timer) clearTimeout(pending.current.timer); }, []);
  const [page, setPage] = useState(0);
  const scale = useStageScale();
  const [now, setNow] = useState(() => new Date());
  const data = q.data;
  const pages = useMemo(() => (data ? paginate(data.towns) : [[]]), [data]);
  useEffect(() => {
    const t = setInterval(() => {
      setNow(new Date());
      setPage((p) => p + 1);
    }, PAGE_SECONDS * 1000);
    return () => clearInterval(t);
  }, []);
  const rankOption = useMemo<EChartOption | null>(() => {
    if (!data) return null;
    // Only towns and streets are ranked (the server lists them by rank); county-level units are not in the ranking.
    const towns = data.towns.filter((t) => t.rank !== null);
    return {
      grid: { left: 8, right: 48, top: 4, bottom: 4, containLabel: true },
      xAxis: { type: 'value', max: 100, show: false },
      yAxis: { type: 'category', inverse: true, data: towns.map((t) => `${t.rank}. ${t.name}`), axisLabel: { color: '#f5e9d7', fontSize: 15 }, axisLine: { show: false }, axisTick: { show: false } },
      series: [{ type: 'bar', data: towns.map((t) => t.yearRate ?? 0), barMaxWidth: 16, itemStyle: { color: '#e8684a', borderRadius: [0, 4, 4, 0] }, label: { show: true, position: 'right', color: '#ffd666', fontSize: 14, formatter: '{c}%' } }],
      animation: false,
    };
  }, [data]);

  if (q.error instanceof ApiError && q.error.status === 404) return <div className="yzb"><div className="yzb-msg">质量图链接无效或已停用<br /><small>请联系县委组织部获取新的链接</small></div></div>;
  if (live === 'revoked') return <div className="yzb"><div className="yzb-msg">质量图链接已停用</div></div>;
  if (!data) return <div className="yzb"><div className="yzb-msg">正在载入实时质量图…</div></div>;
  if (print) return <PrintView data={data} month={params.get('month') ?? data.currentMonth} />;

  const month = Number(data.currentMonth.slice(5, 7)) - 1;
  const shown = pages[page % pages.length];
  const rankHeight = Math.min(420, Math.max(160, data.towns.filter((t) => t.rank !== null).length * 24));
  return (
    <div className="yzb-stage">
    <div className="yzb" data-testid="board" style={{ width: STAGE.width, height: STAGE.height, transform: `scale(${scale})`, left: Math.max(0, (window.innerWidth - STAGE.width * scale) / 2), top: Math.max(0, (window.innerHeight - STAGE.height * scale) / 2) }}>
      <div className="yzb-head">
        <div>
          <div className="yzb-title">{data.countyName}书记抓党建履职实时质量图</div>
          <div className="yzb-sub">
            <span className="yzb-live" style={{ background: live === 'live' ? '#52c41a' : '#faad14' }} />
            {live === 'live' ? '实时' : '重新连接中'} · {now.toLocaleDateString('zh-CN')} · 第 {(page % pages.length) + 1}/{pages.length} 屏 · 每月贴星 ★ · 红黄双色预警
          </div>
        </div>
        <div className="yzb-kpis">
          <div className="yzb-kpi"><b>{data.totals.orgs}</b><span>党组织</span></div>
          <div className="yzb-kpi"><b data-testid="board-month-rate">{rateText(data.totals.monthRate)}</b><span>{month + 1}月完成率</span></div>
          <div className="yzb-kpi"><b>{rateText(data.totals.yearRate)}</b><span>年度按时完成率</span></div>
          <div className="yzb-kpi"><b>{data.totals.stars}</b><span>累计贴星</span></div>
          <div className="yzb-kpi red"><b>{data.totals.red}</b><span>红色预警</span></div>
          <div className="yzb-kpi yellow"><b>{data.totals.yellow}</b><span>黄色预警</span></div>
        </div>
      </div>
      <div className="yzb-body">
        <div className="yzb-main">
          {shown.map((col, i) => (
            <div className="yzb-col" key={i}>
              {col.map((b) => <TownBlock key={`${b.town.id}-${b.cont}`} block={b} month={month} flash={flash} />)}
            </div>
          ))}
        </div>
        <div className="yzb-side">
          <div className="yzb-panel">
            <h3>镇（街道）排名 · 年度按时完成率</h3>
            {rankOption && <EChart option={rankOption} height={rankHeight} />}
          </div>
          <div className="yzb-panel" style={{ flex: 1, minHeight: 0, overflow: 'hidden' }}>
            <h3>最新动态</h3>
            <ul className="yzb-ticker" data-testid="board-ticker">
              {data.ticker.map((t) => (
                <li key={t.id} className={freshTicker.has(t.id) ? 'new' : undefined}>
                  <time>{new Date(t.at).toLocaleString('zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })}</time>
                  {t.orgName}{t.secretaryName ? `（${t.secretaryName}）` : ''}
                  <div>{t.status === 'accepted' ? '✔ 通过审核' : '✎ 完成'}「{t.title}」</div>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </div>
      <div className="yzb-foot">
        <span>数据更新于 {new Date(data.generatedAt).toLocaleTimeString('zh-CN')}</span>
        <span>星级：当月按时完成并通过审核的任务按权重计算 · “·”为当月未得星 · 红/黄底为当月预警 · 本月列显示实时完成率</span>
      </div>
    </div>
    </div>
  );
}
