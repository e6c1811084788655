// Compiles a post with the plugin's own mdx-loader (the webpack loader function, with the exact
// options the blog or docs plugin gives webpack) and renders it to HTML with React, as the
// build's server render does. Two variants: `plain` (the site's pipeline, for the fix check)
// and `instrumented` (plus a remark and a rehype plugin that record source positions).
import { createRequire } from 'node:module';
import { writeFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MDXProvider } from '@mdx-js/react';
import { visitParents } from 'unist-util-visit-parents';
import { assetUrl } from './hooks.mjs';

const require = createRequire(import.meta.url);
const mdxLoader = require('@docusaurus/mdx-loader').default;

const ASSET = /\.(png|jpe?g|gif|svg|webp|avif|ico|bmp|pdf|zip|mp4|webm|mp3|wav|txt|csv)$/i;

/** The mdx-loader options a content plugin hands to webpack. */
export function loaderOptions(plugin) {
  const rules = plugin.configureWebpack?.({}, false, {}, plugin.content)?.module?.rules ?? [];
  const item = rules.flatMap((r) => r.use ?? []).find((u) => String(u.loader).includes('mdx-loader'));
  if (!item) throw new Error(`plugin ${plugin.name} has no mdx-loader rule`);
  return item.options;
}

/**
 * Options for one variant. Broken Markdown images and links go to `events` instead of failing
 * the compile (Docusaurus throws on a broken image by default; the oracle records it as a fact
 * and keeps going so the rest of the post is still judged).
 */
export function variantOptions(options, { instrumented, events }) {
  const hooks = {
    ...options.markdownConfig.hooks,
    // A hook's return value replaces the URL: return nothing, keep the URL as written.
    onBrokenMarkdownImages: ({ url, node }) => {
      events.push({ kind: 'image', url, line: node.position?.start.line });
    },
    onBrokenMarkdownLinks: ({ url, node }) => {
      events.push({ kind: 'link', url, line: node.position?.start.line });
    },
  };
  const out = {
    ...options,
    processors: undefined,
    crossCompilerCache: undefined,
    markdownConfig: { ...options.markdownConfig, hooks },
  };
  if (instrumented) {
    out.beforeDefaultRemarkPlugins = [remarkOriginals, ...(options.beforeDefaultRemarkPlugins ?? [])];
    out.remarkPlugins = [...(options.remarkPlugins ?? []), remarkRecord];
    out.rehypePlugins = [...(options.rehypePlugins ?? []), rehypeLines];
  }
  return out;
}

/** Runs the webpack loader function itself on `text` as the file `filePath`. */
export function runLoader(options, filePath, text) {
  return new Promise((resolve, reject) => {
    const context = {
      _compiler: { name: 'server' },
      resource: filePath,
      resourcePath: filePath,
      getOptions: () => options,
      addDependency: () => {},
      async: () => (error, code) => (error ? reject(error) : resolve(code)),
    };
    mdxLoader.call(context, text);
  });
}

// ---- instrumentation -------------------------------------------------------------------------

const BR_TAG = /<br\b/gi;

/** What the instrumented compile recorded per file path (ESM asset imports). */
export const records = new Map();

function jsxAttr(name, value) {
  return { type: 'mdxJsxAttribute', name, value: String(value) };
}

function brContext(node, ancestors) {
  if (node.type === 'mdxJsxFlowElement') return 'flow';
  for (let i = ancestors.length - 1; i >= 0; i -= 1) {
    const a = ancestors[i];
    if (a.type === 'tableCell') return 'table';
    if (a.type === 'paragraph' || a.type === 'heading') return 'prose';
    if (a.type === 'mdxJsxFlowElement' || a.type === 'mdxJsxTextElement') return 'html';
  }
  return node.type === 'html' ? 'html' : 'prose';
}

/**
 * Docusaurus turns Markdown images and asset links into JSX `require()` elements in place,
 * dropping their position and URL; remember both per node, before any of its plugins run.
 */
const originals = new WeakMap();
function remarkOriginals() {
  return (tree) => {
    visitParents(tree, (node) => {
      if ((node.type === 'image' || node.type === 'link') && node.position) {
        originals.set(node, { url: node.url, start: node.position.start.line, end: node.position.end.line });
      }
    });
  };
}

/** Records ESM asset imports and marks every `<br>` tag with its context and source line. */
function remarkRecord() {
  return (tree, file) => {
    const record = { esmImports: [] };
    records.set(file.path, record);
    visitParents(tree, (node, ancestors) => {
      if (node.type === 'mdxjsEsm') {
        for (const decl of node.data?.estree?.body ?? []) {
          const spec = decl.type === 'ImportDeclaration' ? decl.source?.value : undefined;
          if (typeof spec === 'string' && ASSET.test(spec)) record.esmImports.push({ spec, line: decl.loc?.start.line ?? node.position?.start.line });
        }
      }
      const isJsx = node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';
      const original = isJsx && originals.get(node);
      if (original) {
        node.attributes.push(jsxAttr('data-oracle-src', original.url), jsxAttr('data-oracle-line', original.start), jsxAttr('data-oracle-end', original.end));
      }
      if (isJsx && typeof node.name === 'string' && node.name.toLowerCase() === 'br' && node.position) {
        node.attributes.push(jsxAttr('data-oracle-br', brContext(node, ancestors)), jsxAttr('data-oracle-line', node.position.start.line));
      }
      if (node.type === 'html' && node.position && /<br\b/i.test(node.value)) {
        const context = brContext(node, ancestors);
        const start = node.position.start.line;
        node.value = node.value.replace(BR_TAG, (m, offset) => {
          const line = start + (node.value.slice(0, offset).match(/\n/g)?.length ?? 0);
          return `${m} data-oracle-br="${context}" data-oracle-line="${line}"`;
        });
      }
    });
  };
}

/** Puts each element's source line range on it, so the rendered HTML says where it came from. */
function rehypeLines() {
  return (tree) => {
    visitParents(tree, (node) => {
      if (!node.position) return;
      const { start, end } = node.position;
      if (node.type === 'element') {
        node.properties.dataOracleLine ??= start.line;
        node.properties.dataOracleEnd ??= end.line;
      } else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        if (!node.attributes.some((a) => a.name === 'data-oracle-line')) node.attributes.push(jsxAttr('data-oracle-line', start.line));
        node.attributes.push(jsxAttr('data-oracle-end', end.line));
      }
    });
  };
}

// ---- execution -------------------------------------------------------------------------------

let counter = 0;

/** Executes compiled module code for `filePath` and renders it; returns `{ html, required }`. */
export async function render(code, filePath, siteDir) {
  const required = [];
  const local = createRequire(filePath);
  globalThis.__oracleRequire = (request) => {
    const spec = request.slice(request.lastIndexOf('!') + 1).split('?')[0];
    let file = spec;
    if (spec.startsWith('@site/')) file = path.join(siteDir, spec.slice(6));
    else if (spec.startsWith('.')) file = path.resolve(path.dirname(filePath), spec);
    if (ASSET.test(file) && (path.isAbsolute(file))) {
      // one URL per require() call, so the rendered element says which call it came from
      const url = `${assetUrl(file)}?oracle-require=${required.length}`;
      required.push({ spec, file, url, exists: existsSync(file) });
      return { __esModule: true, default: url };
    }
    return local(spec);
  };
  counter += 1;
  const modulePath = path.join(path.dirname(filePath), `.oracle-${counter}-${path.basename(filePath)}.mjs`);
  writeFileSync(modulePath, `const require = globalThis.__oracleRequire;\n${code}`);
  try {
    const mod = await import(pathToFileURL(modulePath).href);
    const components = {
      Head: () => null,
      Details: ({ children, ...rest }) => React.createElement('details', rest, children),
    };
    const html = renderToStaticMarkup(React.createElement(MDXProvider, { components }, React.createElement(mod.default)));
    return { html, required };
  } finally {
    rmSync(modulePath, { force: true });
  }
}
