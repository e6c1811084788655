// Loads a fixture site the way `docusaurus build` does (config validation, every plugin's
// loadContent and contentLoaded), on a temporary copy so the fixture stays untouched. A post the
// blog plugin refuses (invalid front matter) fails the whole load in Docusaurus; the loader
// records that failure as the post's fact, takes the post out of the copy, and loads again.
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { loadSite } = require('@docusaurus/core/lib/server/site.js');
const NODE_MODULES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'node_modules');

export function copySite(sourceDir, label = 'site') {
  const work = mkdtempSync(path.join(os.tmpdir(), `postlint-oracle-${label}-`));
  const siteDir = path.join(work, 'site');
  cpSync(sourceDir, siteDir, { recursive: true, filter: (src) => !/[\\/](node_modules|\.docusaurus|build)$/.test(src) });
  symlinkSync(NODE_MODULES, path.join(siteDir, 'node_modules'));
  return { work, siteDir, cleanup: () => rmSync(work, { recursive: true, force: true }) };
}

/** `path=blog/x.md` in Docusaurus's "Processing of blog source file" error, or null. */
function failedSource(error) {
  const match = /Processing of (?:blog|docs?) source file path=(\S+?) failed\./.exec(error?.message ?? '');
  return match ? match[1] : null;
}

function rootCause(error) {
  let e = error;
  while (e?.cause) e = e.cause;
  return e;
}

/** The file a plugin names relative to its content folder (`path=x.md`), found in the site. */
function findSource(siteDir, source) {
  const direct = path.resolve(siteDir, source);
  if (existsSync(direct)) return direct;
  for (const entry of readdirSync(siteDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const candidate = path.join(siteDir, entry.name, source);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** Loads the site; returns `{ site, refused: [{ source, error, cause }] }`. */
export async function loadSiteIsolating(siteDir) {
  const refused = [];
  for (let attempt = 0; attempt < 50; attempt += 1) {
    try {
      const site = await loadSite({ siteDir });
      return { site, refused };
    } catch (error) {
      const source = failedSource(error);
      const file = source && findSource(siteDir, source);
      if (!file) throw error;
      refused.push({ source: path.relative(siteDir, file), error, cause: rootCause(error) });
      rmSync(file);
    }
  }
  throw new Error('too many refused posts');
}

export function pluginNamed(site, name) {
  return site.props.plugins.find((p) => p.name === name);
}
