#!/usr/bin/env bash
# Usage: hugo-ids.sh ID_TYPE MARKDOWN_FILE
# Renders MARKDOWN_FILE (body only, no front matter) as one page of a throw-away Hugo site
# with markup.goldmark.parser.autoHeadingIDType = ID_TYPE and prints the id of every
# <h1>..<h6> of the result, one per line, in document order.
set -euo pipefail
idtype=$1
src=$2
here=$(cd "$(dirname "$0")" && pwd)
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
mkdir -p "$site/content" "$site/layouts/_default"
cat > "$site/config.toml" <<TOML
baseURL = "http://example.org/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.parser]
autoHeadingIDType = "$idtype"
TOML
printf '{{ .Content }}\n' > "$site/layouts/_default/single.html"
printf '\n' > "$site/layouts/index.html"
{ printf -- '---\ntitle: golden\n---\n\n'; cat "$src"; } > "$site/content/golden.md"
hugo --quiet --source "$site" --destination "$site/public" >&2
ruby "$here/extract-ids.rb" < "$site/public/golden/index.html"
