// Module hooks that stand in for the webpack resolution a Docusaurus build does when it runs
// a compiled post: theme and client aliases become small stubs, images and other assets
// become the URL string their loader would export (or a marker URL when the file is missing,
// which a real build rejects), `@site/` points at the site.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ASSET = /\.(png|jpe?g|gif|svg|webp|avif|ico|bmp|pdf|zip|mp4|webm|mp3|wav|txt|csv)$/i;
let siteDir = process.env.ORACLE_SITE_DIR ?? '/';

export async function initialize(data) {
  if (data?.siteDir) siteDir = data.siteDir;
}

function parentDir(context) {
  return context.parentURL?.startsWith('file:') ? path.dirname(fileURLToPath(context.parentURL)) : siteDir;
}

export async function resolve(specifier, context, next) {
  if (/^@theme(-original|-init)?\//.test(specifier) || /^@docusaurus\/[A-Z]|^@docusaurus\/(use|router|ExecutionEnvironment|BrowserOnly|isInternalUrl|Interpolate|Translate|Head|ErrorBoundary|renderRoutes|constants)/.test(specifier)) {
    return { url: `oracle-stub:${specifier}`, shortCircuit: true };
  }
  let target = specifier;
  if (specifier.startsWith('@site/')) target = path.join(siteDir, specifier.slice('@site/'.length));
  else if (specifier.startsWith('.') || specifier.startsWith('/')) target = path.resolve(parentDir(context), specifier);
  else return next(specifier, context);
  if (ASSET.test(target)) return { url: `oracle-asset:${target}`, shortCircuit: true };
  if (/\.mdx?$/.test(target)) return { url: `oracle-stub:partial:${target}`, shortCircuit: true };
  return next(pathToFileURL(target).href, context);
}

export function assetUrl(file) {
  return existsSync(file) ? `/assets/oracle/${encodeURIComponent(path.basename(file))}` : `/__oracle_missing__${file}`;
}

export async function load(url, context, next) {
  if (url.startsWith('oracle-asset:')) {
    const file = url.slice('oracle-asset:'.length);
    return { format: 'module', source: `export default ${JSON.stringify(assetUrl(file))};`, shortCircuit: true };
  }
  if (url.startsWith('oracle-stub:')) {
    const name = url.slice('oracle-stub:'.length);
    const stubs = JSON.stringify(new URL('./stubs.mjs', import.meta.url).href);
    const source = `export * from ${stubs}; export { stub_${stubName(name)} as default } from ${stubs};`;
    return { format: 'module', source, shortCircuit: true };
  }
  if (url.endsWith('.json') && url.startsWith('file:')) {
    const text = readFileSync(fileURLToPath(url), 'utf8');
    return { format: 'module', source: `export default ${text};`, shortCircuit: true };
  }
  return next(url, context);
}

function stubName(name) {
  if (name === '@docusaurus/Link') return 'Link';
  if (name === '@docusaurus/useBaseUrl') return 'useBaseUrl';
  if (name === '@theme/Heading') return 'Heading';
  if (name === '@docusaurus/Head' || name === '@theme/Head') return 'Nothing';
  return 'Generic';
}
