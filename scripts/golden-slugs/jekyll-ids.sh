#!/usr/bin/env bash
# Usage: jekyll-ids.sh MARKDOWN_FILE
# Renders MARKDOWN_FILE as one page of a throw-away Jekyll site (default configuration, so
# kramdown with input GFM) and prints the heading ids (see extract-ids.rb).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
mkdir -p "$site/_layouts"
printf 'markdown: kramdown\n' > "$site/_config.yml"
printf '{{ content }}\n' > "$site/_layouts/plain.html"
{ printf -- '---\nlayout: plain\n---\n\n'; cat "$1"; } > "$site/golden.md"
jekyll build --quiet --source "$site" --destination "$site/_site" >&2
ruby "$here/extract-ids.rb" < "$site/_site/golden.html"
