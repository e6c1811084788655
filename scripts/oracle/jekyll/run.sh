#!/usr/bin/env bash
# Regenerates the Jekyll oracle's facts from the real Jekyll (see scripts/oracle/README.md).
#
#   scripts/oracle/jekyll/run.sh              every fact of every fixtures/oracle/jekyll-*/ site,
#                                             and the 2,000-post `<br>` fix summary
#   scripts/oracle/jekyll/run.sh --fix-only   only the `fix` facts and the summary: re-run this
#                                             after postlint's fixes change
#
# Installs the tools when absent (install.sh) and builds postlint in release mode first.
# BR_POSTS / BR_PARAGRAPHS size the generated summary site (default 2000 posts of 30 blocks).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
mode=--all
case "${1:-}" in
  "") ;;
  --fix-only) mode=--fix-only ;;
  *) sed -n '2,11p' "$0" >&2; exit 2 ;;
esac

echo "tools: $("$here/install.sh")" >&2
(cd "$repo" && cargo build --release --locked --quiet)
postlint="$repo/target/release/postlint"
oracle="$repo/fixtures/oracle"

# The committed `<br>` site is generated: regenerate it so that it always matches the generator.
rm -rf "$oracle/jekyll-br/_posts"
python3 "$repo/scripts/oracle/gen-br-site.py" --dialect kramdown --layout jekyll \
  --posts 20 --paragraphs 60 --out "$oracle/jekyll-br/_posts"

for site in "$oracle"/jekyll-*/; do
  site=${site%/}
  echo "facts ($mode): ${site#"$repo"/}" >&2
  ruby "$here/facts.rb" "$mode" "$site" "$site.oracle.json" "$postlint"
done

# The same render-before/after check on a site too big to commit: only its summary is kept.
big=$(mktemp -d)
trap 'rm -rf "$big"' EXIT
cp "$oracle/jekyll-br/_config.yml" "$big/"
python3 "$repo/scripts/oracle/gen-br-site.py" --dialect kramdown --layout jekyll --seed 2000 \
  --posts "${BR_POSTS:-2000}" --paragraphs "${BR_PARAGRAPHS:-30}" --out "$big/_posts"
echo "summary: ${BR_POSTS:-2000} generated posts" >&2
ruby "$here/facts.rb" --summary "$big" "$oracle/jekyll-br-2000.summary.json" "$postlint" \
  "${BR_PARAGRAPHS:-30}"
