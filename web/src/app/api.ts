// The fetch wrapper: same-origin cookies, JSON, the CSRF header on writes, the error envelope as an ApiError.
import { STALE_VERSION } from '@yanzhen/domain';

export type ApiErrorDetail = { path: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
    /** The envelope's `details` as sent (an object for rule refusals: {rule, earliestDate}). */
    readonly raw: unknown = undefined,
  ) {
    super(message);
  }
}

let csrfToken = '';
export const setCsrfToken = (token: string) => {
  csrfToken = token;
};

export type Query = Record<string, string | number | boolean | null | undefined>;

export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

function normalizeDetails(raw: unknown): ApiErrorDetail[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((d) => {
    if (!d || typeof d !== 'object') return [];
    const o = d as Record<string, unknown>;
    const path = Array.isArray(o.path) ? o.path.join('.') : String(o.path ?? '');
    return typeof o.message === 'string' ? [{ path, message: o.message }] : [];
  });
}

async function failure(res: Response): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let message = `请求失败（${res.status}）`;
  let details: ApiErrorDetail[] = [];
  let raw: unknown;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      details = normalizeDetails(body.error.details);
      raw = body.error.details;
    }
  } catch {
    // not JSON: keep the generic message
  }
  return new ApiError(res.status, code, message, details, raw);
}

function onAuthFailure(err: ApiError, path: string) {
  const here = window.location.pathname;
  if (err.status === 401 && !path.startsWith('/api/auth/') && here !== '/login') {
    window.location.assign(`/login?next=${encodeURIComponent(here + window.location.search)}`);
  }
  if (err.status === 403 && err.code === 'PASSWORD_CHANGE_REQUIRED' && here !== '/password') {
    window.location.assign('/password?required=1');
  }
}

export async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const url = `${path}${toQueryString(query)}`;
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  if (!res.ok) {
    const err = await failure(res);
    onAuthFailure(err, path);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
};

/** Downloads a file from a GET endpoint, keeping the server's file name. */
export async function download(path: string, query?: Query, fallbackName = 'download.xlsx'): Promise<void> {
  const res = await fetch(`${path}${toQueryString(query)}`, { credentials: 'same-origin' });
  if (!res.ok) {
    const err = await failure(res);
    onAuthFailure(err, path);
    throw err;
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** The record changed since this page read it (the one conflict code of every versioned write): reload before retrying. */
export const isStaleVersion = (err: unknown): err is ApiError => err instanceof ApiError && err.status === 409 && err.code === STALE_VERSION;

export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : '操作失败，请稍后重试');
