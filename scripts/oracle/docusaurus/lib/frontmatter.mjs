// Front matter facts: keys the blog plugin's validator rejects, and keys it silently ignores
// although they are a case variant or a near miss of a key it reads (`Date`, `tilte`).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const { validateBlogPostFrontMatter } = require('@docusaurus/plugin-content-blog/lib/frontMatter.js');

/**
 * The keys the blog plugin reads: every key named in its front matter schema's source, each
 * confirmed by the validator itself (a key it reads refuses a value of the wrong type).
 */
export function blogKeys() {
  const source = readFileSync(require.resolve('@docusaurus/plugin-content-blog/lib/frontMatter.js'), 'utf8');
  const schema = source.slice(source.indexOf('const BlogFrontMatterSchema'));
  const candidates = new Set([...schema.matchAll(/^\s{4}(\w+):/gm)].map((m) => m[1]));
  for (const k of ['toc_min_heading_level', 'toc_max_heading_level', 'draft', 'unlisted', 'mdx']) candidates.add(k);
  const read = new Set();
  for (const key of candidates) {
    try {
      validateBlogPostFrontMatter({ [key]: Symbol('wrong type') });
    } catch {
      read.add(key);
    }
  }
  read.add('mdx'); // read by the mdx-loader (`mdx.format`), not by the blog plugin
  return read;
}

function distance(a, b) {
  // Damerau-Levenshtein (optimal string alignment)
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) d[0][j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The read key that `key` is a case variant or near miss of, or null. */
export function nearMiss(key, read) {
  if (read.has(key)) return null;
  for (const k of read) if (k.toLowerCase() === key.toLowerCase()) return k;
  if (key.length < 4) return null;
  for (const k of read) if (distance(k, key) <= (k.length >= 7 ? 2 : 1)) return k;
  return null;
}

/** 1-based line of a top-level front matter key in the source, or null. */
export function keyLine(text, key) {
  const lines = text.split('\n');
  if (lines[0]?.trim() !== '---') return null;
  for (let i = 1; i < lines.length && lines[i].trim() !== '---'; i += 1) {
    const m = /^["']?([^"':\s][^"':]*)["']?\s*:/.exec(lines[i]);
    if (m && m[1] === key) return i + 1;
  }
  return null;
}

/** Top-level keys of the front matter block, as written. */
export function frontMatterKeys(text) {
  const lines = text.split('\n');
  const keys = [];
  if (lines[0]?.trim() !== '---') return keys;
  for (let i = 1; i < lines.length && lines[i].trim() !== '---'; i += 1) {
    const m = /^([A-Za-z_][\w-]*)\s*:/.exec(lines[i]);
    if (m) keys.push(m[1]);
  }
  return keys;
}
