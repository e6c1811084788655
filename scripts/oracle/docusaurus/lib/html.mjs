// Reads the rendered HTML of a page back: links, images, heading ids, every id, and the `<br>`
// tags the instrumented compile marked, each with the source lines the compile put on it.
import { parseFragment } from 'parse5';

function attrs(node) {
  return Object.fromEntries((node.attrs ?? []).map((a) => [a.name, a.value]));
}

function lineOf(a) {
  const start = Number(a['data-oracle-line']);
  const end = Number(a['data-oracle-end'] ?? a['data-oracle-line']);
  return Number.isFinite(start) && start > 0 ? { start, end: Number.isFinite(end) && end >= start ? end : start } : null;
}

export function readHtml(html) {
  const out = { links: [], images: [], headings: [], ids: new Set(), brs: [] };
  const walk = (node) => {
    if (node.tagName) {
      const a = attrs(node);
      if (a.id !== undefined) out.ids.add(a.id);
      if (a.name !== undefined && node.tagName === 'a') out.ids.add(a.name);
      const lines = lineOf(a);
      const written = a['data-oracle-src'];
      if (node.tagName === 'a' && a.href !== undefined) out.links.push({ target: a.href, written, lines });
      if (node.tagName === 'img' && a.src !== undefined) out.images.push({ target: a.src, written, lines });
      if (/^h[1-6]$/.test(node.tagName) && a.id) out.headings.push({ id: a.id, lines });
      if (node.tagName === 'br' && a['data-oracle-br']) out.brs.push({ context: a['data-oracle-br'], line: Number(a['data-oracle-line']) });
    }
    for (const child of node.childNodes ?? []) walk(child);
    if (node.content) walk(node.content);
  };
  walk(parseFragment(html));
  return out;
}

/** The rendered HTML without the oracle's attributes, `<br>` spellings made one. */
export function normaliseHtml(html) {
  return html
    .replace(/ data-oracle-[a-z]+="[^"]*"/g, '')
    .replace(/<br\s*\/?>/gi, '<br>');
}
