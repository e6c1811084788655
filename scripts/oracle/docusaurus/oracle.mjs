#!/usr/bin/env node
// The Docusaurus oracle: loads a fixture site with the real Docusaurus (config, blog and docs
// plugins), compiles and renders every post with the plugin's own mdx-loader, and writes the
// facts file (format 1, see ../README.md). Usage:
//
//   node oracle.mjs facts   --site DIR --out FILE --postlint BIN   facts + fix verdicts
//   node oracle.mjs fix     --site DIR --out FILE --postlint BIN   only the fix verdicts
//   node oracle.mjs summary --site DIR --out FILE --postlint BIN   fix check summary (br sites)
import { register } from 'node:module';
import { parseArgs } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { site: { type: 'string' }, out: { type: 'string' }, postlint: { type: 'string' }, examples: { type: 'string', default: '3' }, paragraphs: { type: 'string' } },
});
const command = positionals[0];
if (!['facts', 'fix', 'summary'].includes(command) || !values.site || !values.out) {
  console.error('usage: oracle.mjs facts|fix|summary --site DIR --out FILE --postlint BIN');
  process.exit(2);
}
process.env.NODE_ENV = 'production';

const { copySite, loadSiteIsolating } = await import('./lib/site.mjs');
const sourceDir = path.resolve(values.site);
const copy = copySite(sourceDir);
register('./lib/hooks.mjs', import.meta.url, { data: { siteDir: copy.siteDir } });
const { Oracle } = await import('./lib/oracle.mjs');
const { fixVerdicts, summarise } = await import('./lib/fix.mjs');
const { formatFacts } = await import('./lib/format.mjs');

try {
  const loaded = await loadSiteIsolating(copy.siteDir);
  const oracle = new Oracle(copy.siteDir, loaded, sourceDir);
  await oracle.prepare();
  const postlint = values.postlint && path.resolve(values.postlint);
  if (command === 'facts') {
    const facts = await oracle.facts();
    if (postlint) await fixVerdicts(oracle, sourceDir, postlint, facts.pages);
    writeFileSync(values.out, formatFacts(facts));
  } else if (command === 'fix') {
    const facts = JSON.parse(readFileSync(values.out, 'utf8'));
    await fixVerdicts(oracle, sourceDir, postlint, facts.pages);
    facts.tools = oracle.tools();
    writeFileSync(values.out, formatFacts(facts));
  } else {
    const summary = await summarise(oracle, sourceDir, postlint, Number(values.examples), Number(values.paragraphs ?? 0));
    writeFileSync(values.out, `${JSON.stringify(summary, null, 2)}\n`);
  }
} finally {
  copy.cleanup();
}
