// Pinyin keys for searching Chinese names: initials (张宏伟 → zhw) and the full spelling (zhanghongwei).
import { pinyin } from 'pinyin-pro';

export type PinyinKeys = { initials: string; full: string };

export function pinyinKeys(name: string): PinyinKeys {
  const chars = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive', v: true });
  const parts = chars.map((p) => p.toLowerCase().replace(/[^a-z0-9]/g, '')).filter(Boolean);
  return {
    initials: parts.map((p) => p[0]).join(''),
    full: parts.join(''),
  };
}

/** Whether a search text looks like pinyin (letters only), so initials and full spelling are searched. */
export const isPinyinQuery = (q: string): boolean => /^[a-z]+$/i.test(q.trim());
