// Usage: node github-slugger.mjs HEADINGS_FILE
// Prints "text<TAB>id" for every line of HEADINGS_FILE, all slugged by one github-slugger
// instance (one document, so repeated headings get -1, -2...).
// A line ending in " {#id}" is a heading with an explicit id: Docusaurus' heading plugin
// (packages/docusaurus-mdx-loader/src/remark/headings) uses that id as it is and never passes
// it to the slugger, and that is what is done here.
import { readFileSync } from 'node:fs'
import GithubSlugger from 'github-slugger'

const slugger = new GithubSlugger()
const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter(l => l !== '')
for (const line of lines) {
  const m = /^(.*) \{#([^}]*)\}$/.exec(line)
  const id = m ? m[2] : slugger.slug(line)
  process.stdout.write(`${line}\t${id}\n`)
}
