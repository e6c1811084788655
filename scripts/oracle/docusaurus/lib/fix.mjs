// The fix facts: run `postlint --fix` on a copy of the site, and for every post it changed,
// render the post before and after with the site's own MDX pipeline and compare the HTML.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { copySite } from './site.mjs';
import { normaliseHtml } from './html.mjs';

function runFix(postlint, siteDir) {
  const run = spawnSync(postlint, ['--fix', '--quiet', '--format', 'json', siteDir], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.error || run.status === 2 || run.status === null) {
    throw new Error(`postlint --fix failed (status ${run.status}): ${run.error ?? run.stderr}`);
  }
}

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

const SAME_RENDER = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'same_render.py');

/** The shared judge of all three oracles (`scripts/oracle/same_render.py`). */
function sameRender(before, after) {
  if (before === after) return true;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'postlint-oracle-same-'));
  try {
    writeFileSync(path.join(dir, 'before.html'), before);
    writeFileSync(path.join(dir, 'after.html'), after);
    const run = spawnSync('python3', [SAME_RENDER, path.join(dir, 'before.html'), path.join(dir, 'after.html')], { encoding: 'utf8' });
    if (run.status !== 0 && run.status !== 1) throw new Error(`same_render.py failed: ${run.stderr}`);
    return run.status === 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Renders before/after; `{ identical, before, after }` with normalised HTML or error text. */
async function compare(oracle, file, before, after) {
  const a = await oracle.renderPost(file, before, 'plain');
  const b = await oracle.renderPost(file, after, 'plain');
  const show = (r) => (r.error ? `compile error at line ${r.error.line}: ${r.error.message}` : normaliseHtml(r.html));
  const identical = a.error || b.error ? Boolean(a.error && b.error) : sameRender(show(a), show(b));
  return { identical, before: show(a), after: show(b) };
}

/** Fixes a copy of `sourceDir` and yields `{ rel, before, after, bytes }` per changed post. */
function* changedPosts(oracle, sourceDir, postlint) {
  const fixed = copySite(sourceDir, 'fix');
  try {
    runFix(postlint, fixed.siteDir);
    for (const file of oracle.postFiles()) {
      const rel = oracle.rel(file);
      const beforeBytes = readFileSync(path.join(sourceDir, rel));
      const afterBytes = readFileSync(path.join(fixed.siteDir, rel));
      if (!beforeBytes.equals(afterBytes)) yield { file, rel, before: beforeBytes.toString('utf8'), after: afterBytes.toString('utf8'), bytes: afterBytes };
    }
  } finally {
    fixed.cleanup();
  }
}

/** Sets `fix` on every page of `pages` (by path). */
export async function fixVerdicts(oracle, sourceDir, postlint, pages) {
  for (const page of pages) page.fix = null;
  const byPath = new Map(pages.map((p) => [p.path, p]));
  for (const change of changedPosts(oracle, sourceDir, postlint)) {
    const page = byPath.get(change.rel);
    if (!page) continue;
    const { identical } = await compare(oracle, change.file, change.before, change.after);
    page.fix = { after_sha256: sha256(change.bytes), render_identical: identical };
  }
}

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  const from = Math.max(0, i - 60);
  return { before: a.slice(from, i + 80), after: b.slice(from, i + 80) };
}

/** The fix check over a whole (generated) site, summarised. */
export async function summarise(oracle, sourceDir, postlint, examples, blocksPerPost) {
  const posts = oracle.postFiles();
  let fixed = 0;
  let identical = 0;
  const differing = [];
  for (const change of changedPosts(oracle, sourceDir, postlint)) {
    fixed += 1;
    const result = await compare(oracle, change.file, change.before, change.after);
    if (result.identical) identical += 1;
    else differing.push({ path: change.rel, ...firstDifference(result.before, result.after) });
  }
  return {
    generator: 'docusaurus',
    tools: oracle.tools(),
    posts: posts.length,
    paragraphs: posts.length * blocksPerPost,
    files_fixed: fixed,
    identical,
    differing: differing.length,
    examples: differing.slice(0, examples),
  };
}
