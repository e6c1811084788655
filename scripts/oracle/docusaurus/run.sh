#!/usr/bin/env bash
# Regenerates the Docusaurus oracle facts. Usage:
#
#   scripts/oracle/docusaurus/run.sh               every fixtures/oracle/docusaurus-*/ site: facts + fix
#                                                  verdicts, then the generated 2,000-post fix check
#   scripts/oracle/docusaurus/run.sh --fix-only    only the fix verdicts (after postlint's fixes change)
#   scripts/oracle/docusaurus/run.sh --no-2000 …   skip the 2,000-post check
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)

mode=facts
big=1
for arg in "$@"; do
  case "$arg" in
    --fix-only) mode=fix ;;
    --no-2000) big=0 ;;
    *) echo "run.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

"$here/install.sh"
(cd "$root" && cargo build --release --locked --quiet)
postlint="$root/target/release/postlint"
oracle() { node "$here/oracle.mjs" "$@" 2> >(grep -v -E '^\s*$|^\[(WARNING|INFO|SUCCESS)\]' >&2 || true); }

# The br fixture is generated (deterministic): regenerate it so it always matches the generator.
br="$root/fixtures/oracle/docusaurus-br"
rm -rf "$br/blog"
python3 "$root/scripts/oracle/gen-br-site.py" --dialect mdx --layout docusaurus --posts 20 --paragraphs 60 --out "$br/blog"

for site in "$root"/fixtures/oracle/docusaurus-*/; do
  site=${site%/}
  echo "docusaurus oracle: $mode $(basename "$site")"
  oracle "$mode" --site "$site" --out "$site.oracle.json" --postlint "$postlint"
done

if [ "$big" = 1 ]; then
  posts=2000
  paragraphs=${ORACLE_BR_PARAGRAPHS:-20}
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  cp "$br/docusaurus.config.js" "$tmp/"
  python3 "$root/scripts/oracle/gen-br-site.py" --dialect mdx --layout docusaurus --posts "$posts" --paragraphs "$paragraphs" --seed 2000 --out "$tmp/blog"
  echo "docusaurus oracle: fix check on $posts generated posts ($paragraphs blocks each)"
  oracle summary --site "$tmp" --out "$root/fixtures/oracle/docusaurus-br-2000.summary.json" --postlint "$postlint" --paragraphs "$paragraphs"
fi
