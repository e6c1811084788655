// Writes a facts file: two-space indent, one record per line, so a regeneration diffs well.
const PAGE_KEYS = ['path', 'rendered', 'url', 'date', 'heading_ids', 'br', 'refs', 'front_matter', 'errors', 'fix'];

function record(value) {
  const fields = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v ?? null)}`);
  return fields.length ? `{ ${fields.join(', ')} }` : '{}';
}

function list(items, indent) {
  if (!items || items.length === 0) return '[]';
  return `[\n${items.map((i) => `${indent}  ${record(i)}`).join(',\n')}\n${indent}]`;
}

function page(p) {
  const fields = PAGE_KEYS.map((k) => {
    const v = p[k];
    const text = Array.isArray(v) ? list(v, '      ') : v !== null && typeof v === 'object' ? record(v) : JSON.stringify(v ?? null);
    return `      "${k}": ${text}`;
  });
  return `    {\n${fields.join(',\n')}\n    }`;
}

export function formatFacts(facts) {
  const pages = [...facts.pages].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return `{
  "format": 1,
  "generator": "docusaurus",
  "tools": ${record(facts.tools)},
  "pages": [
${pages.map(page).join(',\n')}
  ]
}
`;
}
