// One loaded fixture site: its posts, their compiled and rendered pages, and the facts drawn
// from them. Facts come from Docusaurus's own loading (URLs, dates, refused front matter), its
// mdx-loader (compile errors, positions) and the rendered HTML (links, images, ids, `<br>`).
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { loaderOptions, variantOptions, runLoader, render, records } from './compile.mjs';
import { readHtml } from './html.mjs';
import { Resolver, isExternal } from './resolve.mjs';
import { blogKeys, nearMiss, keyLine } from './frontmatter.mjs';
import { pluginNamed } from './site.mjs';

const POST = /\.mdx?$/;

const NODE_MODULES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'node_modules');

function version(pkg) {
  return JSON.parse(readFileSync(path.join(NODE_MODULES, pkg, 'package.json'), 'utf8')).version;
}

function posix(p) {
  return p.split(path.sep).join('/');
}

function safeDecodeURI(s) {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

function listPosts(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (POST.test(name)) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

function rootCause(error) {
  let e = error;
  while (e?.cause) e = e.cause;
  return e;
}

/** `{ line, message }` for an MDX compile failure (the loader wraps the VFileMessage). */
export function compileError(error) {
  // the first cause that carries a file position (deeper ones, e.g. acorn's, are relative)
  let cause = error.cause ?? error;
  for (let e = cause; e; e = e.cause) {
    if (e.line || e.place) {
      cause = e;
      break;
    }
  }
  const line = cause.line ?? cause.place?.line ?? cause.place?.start?.line ?? cause.position?.start?.line ?? null;
  const message = String(cause.reason ?? cause.message ?? error.message).split('\n')[0];
  return { line, message };
}

export class Oracle {
  constructor(siteDir, { site, refused }, sourceDir) {
    this.siteDir = siteDir;
    this.sourceDir = sourceDir;
    this.site = site;
    this.refused = refused;
    this.events = [];
  }

  async prepare() {
    const props = this.site.props;
    this.blog = pluginNamed(this.site, 'docusaurus-plugin-content-blog');
    this.docs = pluginNamed(this.site, 'docusaurus-plugin-content-docs');
    this.baseUrl = props.baseUrl;
    process.env.ORACLE_BASE_URL = this.baseUrl;
    const variants = (plugin) => {
      const options = loaderOptions(plugin);
      return {
        plain: variantOptions(options, { instrumented: false, events: [] }),
        instrumented: variantOptions(options, { instrumented: true, events: this.events }),
      };
    };
    this.blogOptions = variants(this.blog);
    this.docsOptions = this.docs ? variants(this.docs) : null;
    this.blogDir = path.resolve(this.siteDir, this.blog.options.path);
    this.postsBySource = new Map(this.blog.content.blogPosts.map((p) => [p.metadata.source, p]));
    this.keys = blogKeys();
    this.resolver = new Resolver({
      siteDir: this.siteDir,
      baseUrl: this.baseUrl,
      staticDirs: props.siteConfig.staticDirectories.map((d) => path.resolve(this.siteDir, d)),
      routes: props.routes,
      pageIds: new Map(),
    });
  }

  tools() {
    return {
      '@docusaurus/core': version('@docusaurus/core'),
      '@docusaurus/mdx-loader': version('@docusaurus/mdx-loader'),
      '@docusaurus/plugin-content-blog': version('@docusaurus/plugin-content-blog'),
      '@docusaurus/plugin-content-docs': version('@docusaurus/plugin-content-docs'),
      '@mdx-js/mdx': version('@mdx-js/mdx'),
      node: process.versions.node,
      react: version('react'),
    };
  }

  /** Site-relative `/`-separated path of an absolute file in the loaded copy. */
  rel(file) {
    return posix(path.relative(this.siteDir, file));
  }

  /** Every post file (paths in the loaded copy), refused ones included: listed from the fixture. */
  postFiles() {
    const sourceBlog = path.join(this.sourceDir, path.relative(this.siteDir, this.blogDir));
    return listPosts(sourceBlog).map((f) => path.join(this.blogDir, path.relative(sourceBlog, f)));
  }

  /** The fixture's own text of a post (the copy no longer holds a refused post). */
  sourceText(file) {
    return readFileSync(path.join(this.sourceDir, this.rel(file)), 'utf8');
  }

  /** Compiles and renders `text` as the post `file` (absolute, in the loaded copy). */
  async renderPost(file, text, variant, options = this.blogOptions) {
    try {
      const code = await runLoader(options[variant], file, text);
      return await render(code, file, this.siteDir);
    } catch (error) {
      if (process.env.ORACLE_DEBUG) console.error(error);
      return { error: compileError(error) };
    }
  }

  async facts() {
    const pages = [];
    const rendered = new Map();
    for (const file of this.postFiles()) {
      const text = this.sourceText(file);
      const post = this.postsBySource.get(`@site/${this.rel(file)}`);
      const refused = this.refused.find((r) => path.resolve(this.siteDir, r.source) === file);
      const page = { path: this.rel(file), rendered: false, url: null, date: null, heading_ids: [], br: [], refs: [], front_matter: [], errors: [], fix: null };
      pages.push(page);
      if (refused) {
        this.refusedFacts(page, refused, text);
        continue;
      }
      if (!post) continue; // a draft, or excluded by the plugin
      page.url = safeDecodeURI(post.metadata.permalink);
      page.date = post.metadata.date ? new Date(post.metadata.date).toISOString().slice(0, 10) : null;
      page.front_matter = this.ignoredKeys(post.metadata.frontMatter, text);
      const result = await this.renderPost(file, text, 'instrumented');
      if (result.error) {
        page.errors.push(result.error);
        continue;
      }
      page.rendered = true;
      const read = readHtml(result.html);
      rendered.set(page, { file, text, read, required: result.required });
      this.resolver.pageIds.set(trimSlash(page.url), read.ids);
    }
    await this.docIds();
    for (const [page, r] of rendered) await this.pageFacts(page, r);
    return { format: 1, generator: 'docusaurus', tools: this.tools(), pages };
  }

  async docIds() {
    if (!this.docs) return;
    for (const version of this.docs.content.loadedVersions) {
      for (const doc of version.docs) {
        const file = path.resolve(this.siteDir, doc.source.replace(/^@site\//, ''));
        const result = await this.renderPost(file, readFileSync(file, 'utf8'), 'instrumented', this.docsOptions);
        if (!result.error) this.resolver.pageIds.set(trimSlash(safeDecodeURI(doc.permalink)), readHtml(result.html).ids);
      }
    }
  }

  refusedFacts(page, refused, text) {
    const { cause } = refused;
    const key = cause?.details?.[0]?.path?.[0];
    if (key !== undefined) {
      page.front_matter.push({ line: keyLine(text, String(key)), key: String(key), status: 'rejected' });
      return;
    }
    const line = cause?.mark ? cause.mark.line + 2 : null;
    page.errors.push({ line, message: String(cause?.reason ?? cause?.message ?? refused.error.message).split('\n')[0] });
  }

  ignoredKeys(frontMatter, text) {
    const out = [];
    for (const key of Object.keys(frontMatter ?? {})) {
      if (nearMiss(key, this.keys)) out.push({ line: keyLine(text, key), key, status: 'ignored' });
    }
    return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }

  async pageFacts(page, { file, text, read, required }) {
    const lines = text.split('\n');
    page.heading_ids = read.headings.map((h) => ({ line: h.lines?.start ?? null, id: h.id }));
    page.br = read.brs.map((b) => ({ line: b.line, context: b.context })).sort((a, b) => a.line - b.line);
    const refs = [];
    const add = async (kind, { target, written, lines: range }) => {
      if (isExternal(target)) return;
      const asset = required.find((r) => r.url === target);
      if (asset) {
        const shown = written ?? asset.spec;
        const line = findLine(lines, [shown, safeDecodeURI(shown)], range);
        refs.push({ line, kind, target: shown, ok: asset.exists, ...(asset.exists ? {} : { broken: 'file' }) });
        return;
      }
      if (target.startsWith('/assets/oracle/') || target.startsWith('/__oracle_missing__')) return; // ESM import: see below
      const verdict = await this.resolver.resolve(kind, target, page.url, file);
      refs.push({ line: findLine(lines, [target, safeDecodeURI(target)], range), kind, target, ...verdict });
    };
    for (const link of read.links) await add('link', link);
    for (const image of read.images) await add('image', image);
    for (const imp of records.get(file)?.esmImports ?? []) {
      const exists = existsSync(path.resolve(path.dirname(file), imp.spec.split('?')[0]));
      refs.push({ line: imp.line, kind: 'image', target: imp.spec, ok: exists, ...(exists ? {} : { broken: 'file' }) });
    }
    page.refs = refs.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }
}

function trimSlash(p) {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

/**
 * The source line where the target is written: within the element's lines, else (a
 * reference-style link) the definition that holds it, else the element's first line.
 */
function findLine(lines, needles, range) {
  const texts = [...new Set(needles.filter(Boolean))];
  const from = range ? range.start : 1;
  const to = range ? range.end : lines.length;
  for (let i = from; i <= to && i <= lines.length; i += 1) {
    if (texts.some((t) => lines[i - 1].includes(t))) return i;
  }
  if (range) {
    const definition = /^ {0,3}\[[^\]]+\]:/;
    for (let i = 1; i <= lines.length; i += 1) {
      if (definition.test(lines[i - 1]) && texts.some((t) => lines[i - 1].includes(t))) return i;
    }
    return range.start;
  }
  for (let i = 1; i <= lines.length; i += 1) if (texts.some((t) => lines[i - 1].includes(t))) return i;
  return null;
}
