// Whether a rendered link or image resolves in the built site: static files, bundled assets,
// routes (matched by Docusaurus's own broken-link checker), and anchors (any `id` of the page).
import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { handleBrokenLinks } = require('@docusaurus/core/lib/server/brokenLinks.js');

const EXTERNAL = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

export function isExternal(target) {
  return EXTERNAL.test(target) && !target.startsWith('pathname://');
}

function isFile(p) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function trimSlash(p) {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

export class Resolver {
  constructor({ siteDir, baseUrl, staticDirs, routes, pageIds }) {
    Object.assign(this, { siteDir, baseUrl, staticDirs, routes, pageIds });
  }

  staticFile(pathname) {
    if (!pathname.startsWith(this.baseUrl)) return null;
    const rel = safeDecode(pathname.slice(this.baseUrl.length));
    for (const dir of this.staticDirs) {
      const file = path.join(dir, rel);
      if (isFile(file) || isFile(path.join(file, 'index.html'))) return file;
    }
    return null;
  }

  /** Docusaurus's checker, asked about one link from one page: is the path a route? */
  async isRoute(link, pagePath) {
    try {
      // `throw` makes the checker's verdict observable without parsing its log
      await handleBrokenLinks({
        collectedLinks: { [pagePath]: { links: [link], anchors: [] } },
        onBrokenLinks: 'throw',
        onBrokenAnchors: 'ignore',
        routes: this.routes,
      });
      return true;
    } catch {
      return false;
    }
  }

  /**
   * `{ ok, broken }` for a rendered `href`/`src` on page `pagePath` whose source is `sourceFile`.
   */
  async resolve(kind, target, pagePath, sourceFile) {
    const url = new URL(target.startsWith('pathname://') ? target.slice(11) : target, `http://site${pagePath}`);
    const pathname = url.pathname;
    const hash = safeDecode(url.hash.replace(/^#/, ''));
    const beside = sourceFile && !target.startsWith('/') ? path.resolve(path.dirname(sourceFile), safeDecode(target.split(/[?#]/)[0])) : null;
    if (kind === 'image') {
      if (this.staticFile(pathname)) return { ok: true };
      return { ok: false, broken: beside && isFile(beside) ? 'unbundled' : 'file' };
    }
    if (target.startsWith('#')) {
      if (!hash) return { ok: true };
      return this.pageIds.get(trimSlash(pagePath))?.has(hash) ? { ok: true } : { ok: false, broken: 'anchor' };
    }
    if (this.staticFile(pathname)) return { ok: true };
    if (!(await this.isRoute(pathname + url.search, pagePath))) {
      // a Markdown file link that Docusaurus did not turn into a route is a missing page
      const unbundled = beside && isFile(beside) && !/\.mdx?$/i.test(beside);
      return { ok: false, broken: unbundled ? 'unbundled' : 'page' };
    }
    if (!hash) return { ok: true };
    const ids = this.pageIds.get(trimSlash(safeDecode(pathname)));
    if (!ids) return { ok: true }; // a generated page (tags, archive): its ids are not judged
    return ids.has(hash) ? { ok: true } : { ok: false, broken: 'anchor' };
  }
}
