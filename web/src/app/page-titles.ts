// Page titles and breadcrumbs of the console, from the path alone: one table for every route, read by the Layout
// (breadcrumb above the page, document.title in the browser tab). A new console route adds its line here.

/** A route pattern (`:id` matches one segment), its title, and the pattern of the page it belongs under. */
type PageEntry = { pattern: string; title: string; parent?: string };

const PAGES: PageEntry[] = [
  { pattern: '/', title: '首页' },
  { pattern: '/members', title: '组织与党员' },
  { pattern: '/members/new', title: '新增党员', parent: '/members' },
  { pattern: '/members/import', title: '党员导入', parent: '/members' },
  { pattern: '/members/:id', title: '党员档案', parent: '/members' },
  { pattern: '/members/:id/edit', title: '修改党员档案', parent: '/members/:id' },
  { pattern: '/development', title: '发展党员' },
  { pattern: '/development/prospects', title: '入党意向人员名册', parent: '/development' },
  { pattern: '/development/import', title: '发展党员导入', parent: '/development' },
  { pattern: '/development/rules', title: '发展党员规则', parent: '/development' },
  { pattern: '/development/:id', title: '发展档案', parent: '/development' },
  { pattern: '/duties', title: '书记履职' },
  { pattern: '/theme-days', title: '主题党日' },
  { pattern: '/org-life/meetings', title: '三会一课' },
  { pattern: '/org-life/compliance', title: '组织生活统计' },
  { pattern: '/org-life/talks-hours', title: '谈心谈话与学时' },
  { pattern: '/dues', title: '党费收缴' },
  { pattern: '/dues/import', title: '党费基数导入', parent: '/dues' },
  { pattern: '/dues/receipts/:id', title: '党费收据', parent: '/dues' },
  { pattern: '/stars/wall', title: '星级质量图' },
  { pattern: '/stars/settings', title: '星级积分设置' },
  { pattern: '/reports', title: '流动党员汇报' },
  { pattern: '/notices', title: '支部通知' },
  { pattern: '/publicity', title: '党建信息宣传' },
  { pattern: '/care', title: '关爱帮扶' },
  { pattern: '/transfers', title: '组织关系转接' },
  { pattern: '/instructors', title: '两新组织与党建工作指导员' },
  { pattern: '/assessment', title: '年度考核' },
  { pattern: '/assessment/weak-orgs', title: '软弱涣散党组织整顿' },
  { pattern: '/audit', title: '操作日志' },
  { pattern: '/jobs', title: '定时任务' },
  { pattern: '/accounts', title: '账号管理' },
  { pattern: '/me', title: '我的档案' },
  { pattern: '/password', title: '修改密码' },
];

const segments = (p: string) => p.split('/').filter(Boolean);

function matches(pattern: string, path: string): Record<string, string> | null {
  const a = segments(pattern);
  const b = segments(path);
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i].startsWith(':')) params[a[i].slice(1)] = b[i];
    else if (a[i] !== b[i]) return null;
  }
  return params;
}

const fill = (pattern: string, params: Record<string, string>) => pattern.replace(/:(\w+)/g, (_, k: string) => params[k] ?? '');

export type Crumb = { title: string; path: string };

/**
 * The breadcrumb trail of a console path, home first: `/members/7/edit` → 首页 / 组织与党员 / 党员档案 / 修改党员档案.
 * Literal segments win over `:id` (so /members/new is 新增党员, not a member's file). Unknown paths give [] .
 */
export function breadcrumbsOf(pathname: string): Crumb[] {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const candidates = PAGES.map((p) => ({ p, params: matches(p.pattern, path) })).filter((c) => c.params !== null);
  // The most literal pattern wins.
  candidates.sort((x, y) => (x.p.pattern.match(/:/g)?.length ?? 0) - (y.p.pattern.match(/:/g)?.length ?? 0));
  const hit = candidates[0];
  if (!hit) return [];
  const params = hit.params!;
  const trail: Crumb[] = [];
  for (let e: PageEntry | undefined = hit.p; e; e = e.parent ? PAGES.find((p) => p.pattern === e!.parent) : undefined) trail.unshift({ title: e.title, path: fill(e.pattern, params) });
  if (trail[0]?.path !== '/') trail.unshift({ title: '首页', path: '/' });
  return trail;
}

/** The browser tab's title for a console path: the page, then the product. */
export function documentTitleOf(pathname: string): string {
  const trail = breadcrumbsOf(pathname);
  const page = trail[trail.length - 1];
  return page && page.path !== '/' ? `${page.title} · 雁阵` : '雁阵 · 党建工作管理平台';
}
