// The body of a publicity item is rich text from the editor: only an allowlist of tags survives (paragraphs,
// emphasis, headings, lists, quotes, images from the platform's own files or inline data), and no attribute but an
// image's src. Scripts, styles, event handlers and javascript: links are dropped with their content where they run.
const ALLOWED = new Set(['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'img']);
const DROP_WITH_CONTENT = /<(script|style|iframe|object|embed|noscript|template|svg|math)\b[\s\S]*?(<\/\1\s*>|$)/gi;
const SAFE_SRC = /^(\/api\/files\/[0-9a-f-]{36}(\/content)?|data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+)$/i;

const escapeText = (s: string) => s.replace(/&(?!(amp|lt|gt|quot|#\d+|#x[0-9a-f]+|nbsp);)/gi, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function sanitizeRichText(html: string): string {
  const input = html.replace(/<!--[\s\S]*?(-->|$)/g, '').replace(DROP_WITH_CONTENT, '');
  let out = '';
  const re = /<\/?([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>/g;
  let last = 0;
  for (let m = re.exec(input); m; m = re.exec(input)) {
    out += escapeText(input.slice(last, m.index));
    last = re.lastIndex;
    const tag = m[1].toLowerCase();
    if (!ALLOWED.has(tag)) continue;
    const closing = m[0].startsWith('</');
    if (tag === 'img') {
      if (closing) continue;
      const src = /\bsrc\s*=\s*("([^"]*)"|'([^']*)')/i.exec(m[2]);
      const url = src ? (src[2] ?? src[3] ?? '').trim() : '';
      if (SAFE_SRC.test(url)) out += `<img src="${url}">`;
      continue;
    }
    if (tag === 'br') out += closing ? '' : '<br>';
    else out += closing ? `</${tag}>` : `<${tag}>`;
  }
  out += escapeText(input.slice(last));
  return out.trim();
}

/** The visible text of a sanitized body (for lengths, search and the notice). */
export const richTextPlain = (html: string): string =>
  html
    .replace(/<br>/g, '\n')
    .replace(/<\/(p|h3|h4|li|blockquote)>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
