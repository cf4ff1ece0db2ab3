/** Escapes text for HTML content and attribute values (every page we render server-side uses this). */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

/** The HTML document around every server-rendered page: language, viewport, title (escaped), one stylesheet (CSP: no inline styles). */
export function htmlDocument(opts: { lang: 'zh' | 'en'; title: string; stylesheet: string; head?: string; body: string }): string {
  return `<!doctype html>
<html lang="${opts.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
<link rel="stylesheet" href="${escapeHtml(opts.stylesheet)}">
${opts.head ? `${opts.head}\n` : ''}</head>
<body>
${opts.body}
</body>
</html>
`;
}
