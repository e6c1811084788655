// Dumps what github-slugger's slug() makes of every single code point.
// Output format (shared with the other unicode-* dumpers and the Rust check):
//   one line per run of consecutive code points: "START-END\t=" (each maps to itself),
//   "START-END\t" (each is removed), or "CP\tHEX HEX..." (maps to that string).
import { slug } from 'github-slugger'
const out = []
let run = null
const flush = () => { if (run) { out.push(`${run.s.toString(16)}-${run.e.toString(16)}\t${run.k}`); run = null } }
for (let cp = 0; cp <= 0x10ffff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue
  const c = String.fromCodePoint(cp)
  const r = slug(c)
  let k
  if (r === c) k = '='
  else if (r === '') k = ''
  else k = null
  if (k !== null) {
    if (run && run.k === k && run.e === cp - 1) run.e = cp
    else { flush(); run = { s: cp, e: cp, k } }
  } else {
    flush()
    out.push(`${cp.toString(16)}\t${[...r].map(x => x.codePointAt(0).toString(16)).join(' ')}`)
  }
}
flush()
process.stdout.write(out.join('\n') + '\n')
